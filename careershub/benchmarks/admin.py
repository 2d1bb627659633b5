"""The framework's wording is data: the partnership's administrators correct it here (Django's admin,
for staff accounts), without a code change. Assessments are not edited here: they have their own
pages, rules and audit trail."""
from django.contrib import admin

from .models import Benchmark, Criterion, FrameworkVersion


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    fields = ("order", "text", "hint", "measure", "threshold", "figure_question", "post_16_only")


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ("version", "number", "name")
    list_filter = ("version",)
    ordering = ("version", "number")
    inlines = [CriterionInline]


class BenchmarkInline(admin.TabularInline):
    model = Benchmark
    extra = 0
    fields = ("number", "name")
    show_change_link = True


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "effective_from")
    inlines = [BenchmarkInline]
