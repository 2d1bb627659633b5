"""GOV.UK pagination for every list page."""
from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_numbers(current: int, total: int) -> list[int | None]:
    """The page links GOV.UK pagination shows: the first and last pages, the current page and its
    neighbours, with None where pages are left out (shown as an ellipsis)."""
    wanted = {1, total, current - 1, current, current + 1}
    shown = sorted(n for n in wanted if 1 <= n <= total)
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def page_of(request, queryset, *, per_page: int = PER_PAGE) -> tuple[Page, list[int | None]]:
    """The requested page of the list (the last page for a number past the end, the first for
    anything that is not a number), and the page links to show."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return page, page_numbers(page.number, page.paginator.num_pages)
