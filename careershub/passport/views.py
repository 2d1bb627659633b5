"""The skills passport's pages: a young person's passport and evidence, endorsing, sharing, the PDF,
credentials (download, revoke, verify) and the skills framework.

People who may not see a passport, a piece of evidence or a framework get 404; people who see it
but may not change it get 403.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.permissions import public, roles, signed_in
from careershub.young_people.services import record_viewed

from . import credentials, pdf, selectors, services
from .forms import (
    CommentForm,
    DecisionForm,
    EvidenceForm,
    FrameworkForm,
    RevokeForm,
    ShareLinkForm,
    SkillForm,
    SubmitForm,
    VerifyForm,
    add_errors,
)
from .models import LEVELS, Evidence, ShareLink, Skill, SkillLevel

NEW_LINK_SESSION_KEY = "passport_new_share_link"


def _status(form) -> int:
    return 400 if form.errors else 200


def _own_record_or_404(request):
    young_person = selectors.own_record(request.user)
    if young_person is None:
        raise Http404("You have no young person's record on Careers Hub.")
    return young_person


# The passport --------------------------------------------------------------------------------------
def _render_passport(request, young_person, *, is_self: bool):
    passport = selectors.passport_of(young_person)
    return render(request, "passport/passport.html", {
        "young_person": young_person, "passport": passport, "is_self": is_self,
        "short_name": selectors.short_name(young_person),
    })


@roles(Role.YOUNG_PERSON)
def mine(request):
    young_person = _own_record_or_404(request)
    return _render_passport(request, young_person, is_self=True)


@signed_in
def passport(request, pk: int):
    young_person = selectors.get_passport_owner_for_user(request.user, pk)
    record_viewed(acting_user=request.user, young_person=young_person)
    return _render_passport(request, young_person, is_self=selectors.is_the_young_person(request.user, young_person))


@signed_in
def passport_pdf(request, pk: int):
    young_person = selectors.get_passport_owner_for_user(request.user, pk)
    record_viewed(acting_user=request.user, young_person=young_person)
    document = pdf.passport_pdf(young_person)
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"skills-passport-{slugify(young_person.first_name)}-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Evidence ------------------------------------------------------------------------------------------
def _evidence_form(request, young_person, *, evidence=None):
    framework = selectors.approved_framework(young_person.school.partnership_id)
    levels = selectors.level_choices(framework) if framework else []
    if evidence is not None and evidence.skill_level not in levels:
        levels = [evidence.skill_level, *levels]
    initial = {}
    if evidence is not None:
        activity = ""
        if evidence.placement_id:
            activity = f"placement:{evidence.placement_id}"
        elif evidence.encounter_id:
            activity = f"encounter:{evidence.encounter_id}"
        initial = {"title": evidence.title, "description": evidence.description, "reflection": evidence.reflection,
                   "occurred_on": evidence.occurred_on, "skill_level": str(evidence.skill_level_id), "activity": activity}
    else:
        preset = request.GET.get("activity", "")
        if preset:
            initial["activity"] = preset
    encounters = selectors.encounters_for_evidence(young_person.pk)
    placements = selectors.placements_for_evidence(young_person.pk)
    form = EvidenceForm(request.POST if request.method == "POST" else None,
                        request.FILES if request.method == "POST" else None, initial=initial,
                        levels=levels, encounters=encounters, placements=placements,
                        has_file=bool(evidence and evidence.file))
    return form, framework, {str(lv.pk): lv for lv in levels}, encounters, placements


def _activity(value: str, encounters, placements):
    kind, _, pk = (value or "").partition(":")
    if kind == "encounter":
        return next((e for e in encounters if str(e.pk) == pk), None), None
    if kind == "placement":
        return None, next((p for p in placements if str(p.pk) == pk), None)
    return None, None


def _save_evidence(request, young_person, evidence=None):
    form, framework, levels, encounters, placements = _evidence_form(request, young_person, evidence=evidence)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        encounter, placement = _activity(data["activity"], encounters, placements)
        fields = dict(skill_level=levels.get(data["skill_level"]), title=data["title"], description=data["description"],
                      reflection=data["reflection"], occurred_on=data["occurred_on"], encounter=encounter,
                      placement=placement, upload=data.get("file"))
        try:
            if evidence is None:
                evidence = services.evidence_record(acting_user=request.user, young_person=young_person, **fields)
                messages.success(request, "Your evidence has been saved. Send it for endorsement when you are ready.")
            else:
                evidence = services.evidence_update(acting_user=request.user, evidence=evidence,
                                                    remove_file=data.get("remove_file", False), **fields)
                messages.success(request, "Your changes have been saved")
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(evidence.get_absolute_url())
    return render(request, "passport/evidence_form.html", {
        "form": form, "framework": framework, "evidence": evidence, "young_person": young_person,
    }, status=_status(form))


@roles(Role.YOUNG_PERSON)
def evidence_create(request):
    young_person = _own_record_or_404(request)
    return _save_evidence(request, young_person)


def _own_evidence(request, pk: int) -> Evidence:
    evidence = selectors.get_evidence_for_user(request.user, pk)
    if not selectors.is_the_young_person(request.user, evidence.young_person):
        raise PermissionDenied("Only the young person changes their own evidence.")
    return evidence


@roles(Role.YOUNG_PERSON)
def evidence_edit(request, pk: int):
    evidence = _own_evidence(request, pk)
    if not evidence.is_editable:
        messages.info(request, "This evidence has been sent for endorsement, so it can no longer be changed")
        return redirect(evidence.get_absolute_url())
    return _save_evidence(request, evidence.young_person, evidence)


@roles(Role.YOUNG_PERSON)
def evidence_delete(request, pk: int):
    evidence = _own_evidence(request, pk)
    if request.method == "POST":
        try:
            services.evidence_delete(acting_user=request.user, evidence=evidence)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(evidence.get_absolute_url())
        messages.success(request, f"You have deleted ‘{evidence.title}’")
        return redirect("passport:mine")
    return render(request, "passport/evidence_delete.html", {"evidence": evidence})


@signed_in
def evidence_detail(request, pk: int):
    evidence = selectors.get_evidence_for_user(request.user, pk)
    young_person = evidence.young_person
    record_viewed(acting_user=request.user, young_person=young_person)
    is_self = selectors.is_the_young_person(request.user, young_person)
    credential = getattr(evidence, "credential", None)
    return render(request, "passport/evidence_detail.html", {
        "evidence": evidence, "young_person": young_person, "is_self": is_self, "credential": credential,
        "events": list(evidence.events.order_by("at", "pk")),
        "may_revoke": credential is not None and not credential.is_revoked and selectors.manages_frameworks(
            request.user, young_person.school.partnership_id),
        "options": selectors.endorser_options(evidence) if is_self and evidence.is_editable else [],
    })


@roles(Role.YOUNG_PERSON)
def evidence_submit(request, pk: int):
    evidence = _own_evidence(request, pk)
    options = selectors.endorser_options(evidence)
    form = SubmitForm(request.POST or None, options=options,
                      initial={"endorser": options[0].key} if len(options) == 1 else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_submit(acting_user=request.user, evidence=evidence, endorser=form.cleaned_data["endorser"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Your evidence has been sent to {evidence.endorser_name or 'be endorsed'}")
            return redirect(evidence.get_absolute_url())
    return render(request, "passport/evidence_submit.html", {
        "form": form, "evidence": evidence, "options": options,
    }, status=_status(form))


@signed_in
def evidence_file(request, pk: int):
    evidence = selectors.get_evidence_file_for_user(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing") from None
    if not selectors.is_the_young_person(request.user, evidence.young_person):
        audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=evidence,
                     young_person_id=evidence.young_person_id, summary=f"Opened the file of evidence ‘{evidence.title}’")
    response = FileResponse(handle, as_attachment=True, filename=evidence.file_name or None,
                            content_type=evidence.file_content_type or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


# Endorsing -----------------------------------------------------------------------------------------
@roles(*selectors.ENDORSERS)
def queue(request):
    evidence = list(selectors.evidence_for_endorser(request.user))
    waiting = [e for e in evidence if e.status == Evidence.Status.SUBMITTED]
    decided = sorted((e for e in evidence if e.status != Evidence.Status.SUBMITTED),
                     key=lambda e: e.decided_at or e.submitted_at, reverse=True)[:50]
    return render(request, "passport/queue.html", {
        "waiting": [(e, selectors.short_name(e.young_person)) for e in waiting],
        "decided": [(e, selectors.short_name(e.young_person)) for e in decided],
    })


@roles(*selectors.ENDORSERS)
def endorse(request, pk: int):
    evidence = selectors.get_evidence_for_endorser(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "endorse":
                services.evidence_endorse(acting_user=request.user, evidence=evidence, comment=data["comment"])
                messages.success(request, f"You have endorsed {selectors.short_name(evidence.young_person)}’s evidence")
            else:
                services.evidence_return(acting_user=request.user, evidence=evidence, comment=data["comment"])
                messages.success(request, f"You have returned the evidence to {selectors.short_name(evidence.young_person)}")
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("passport:queue")
    elif request.method == "GET":
        audit.record(actor=request.user, action=AuditEntry.Action.VIEW, subject=evidence,
                     young_person_id=evidence.young_person_id, summary="Viewed evidence sent for endorsement")
    return render(request, "passport/endorse.html", {
        "evidence": evidence, "form": form, "short_name": selectors.short_name(evidence.young_person),
        "activity": evidence.placement.application.opportunity.title if evidence.placement_id else (
            evidence.encounter.title if evidence.encounter_id else ""),
    }, status=_status(form))


# Credentials ---------------------------------------------------------------------------------------
@signed_in
def credential_download(request, pk: int):
    credential = selectors.get_credential_for_user(request.user, pk)
    young_person = credential.evidence.young_person
    record_viewed(acting_user=request.user, young_person=young_person)
    response = HttpResponse(credentials.as_json(credential), content_type="application/json; charset=utf-8")
    skill = credential.evidence.skill_level.skill.name
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{slugify(skill)}-level-{credential.evidence.skill_level.level}.json"')
    return response


@roles(*selectors.REVOKERS)
def credential_revoke(request, pk: int):
    credential = selectors.get_credential_for_user(request.user, pk)
    if not selectors.may_revoke(request.user, credential):
        raise PermissionDenied("Only the partnership's hub manager revokes credentials.")
    if credential.is_revoked:
        messages.info(request, "This credential has already been revoked")
        return redirect(credential.evidence.get_absolute_url())
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.credential_revoke(acting_user=request.user, credential=credential, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The credential has been revoked: it now verifies as revoked")
            return redirect(credential.evidence.get_absolute_url())
    return render(request, "passport/credential_revoke.html", {"form": form, "credential": credential,
                                                               "evidence": credential.evidence},
                  status=_status(form))


@public
def verify(request):
    result = None
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("credential_file")
        if upload is not None:
            result = credentials.verify_text(upload.read(credentials.MAX_DOCUMENT_BYTES + 1))
        else:
            result = credentials.verify_text(form.cleaned_data["credential"])
    return render(request, "passport/verify.html", {"form": form, "result": result}, status=_status(form))


# Sharing -------------------------------------------------------------------------------------------
@roles(Role.YOUNG_PERSON)
def share_links(request):
    young_person = _own_record_or_404(request)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link, token = services.share_link_create(acting_user=request.user, young_person=young_person,
                                                     period=form.cleaned_data["period"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            request.session[NEW_LINK_SESSION_KEY] = {"id": link.pk, "url": request.build_absolute_uri(
                reverse("passport:shared", args=[token]))}
            return redirect("passport:share_links")
    new_link = request.session.pop(NEW_LINK_SESSION_KEY, None) if request.method == "GET" else None
    return render(request, "passport/share_links.html", {
        "form": form, "links": list(selectors.share_links_of(young_person.pk)), "new_link": new_link,
        "now": timezone.now(),
    }, status=_status(form))


@roles(Role.YOUNG_PERSON)
@require_POST
def share_link_revoke(request, pk: int):
    young_person = _own_record_or_404(request)
    link = get_object_or_404(ShareLink, pk=pk, young_person=young_person)
    try:
        services.share_link_revoke(acting_user=request.user, link=link)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, "The link has been switched off: nobody can open your passport with it now")
    return redirect("passport:share_links")


@public
def shared(request, token: str):
    link = selectors.active_share_link(services.hash_token(token))
    if link is None:
        return render(request, "passport/share_gone.html", status=404)
    services.share_link_opened(link=link)
    young_person = link.young_person
    response = render(request, "passport/shared.html", {
        "passport": selectors.passport_of(young_person, endorsed_only=True), "link": link,
        "short_name": selectors.short_name(young_person), "school": young_person.school,
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# The skills framework ------------------------------------------------------------------------------
@signed_in
def framework_list(request):
    frameworks = list(selectors.frameworks_visible_to(request.user))
    partnership_ids = {a.partnership_id for a in request.user.assignments_for(Role.HUB_MANAGER)}
    in_progress = any(f.is_editable for f in frameworks)
    return render(request, "passport/framework_list.html", {
        "frameworks": frameworks, "may_draft": bool(partnership_ids) and not in_progress,
    })


@signed_in
def framework_detail(request, pk: int):
    framework = selectors.get_framework_for_user(request.user, pk)
    skills = selectors.skills_of(framework)
    may_comment = selectors.may_comment(request.user, framework)
    manages = selectors.manages_frameworks(request.user, framework.partnership_id)
    return render(request, "passport/framework_detail.html", {
        "framework": framework, "skills": skills, "may_comment": may_comment, "manages": manages,
        "comments": list(selectors.comments_of(framework)) if (manages or may_comment) else [],
        "comment_form": CommentForm(skills=skills) if may_comment else None,
    })


@roles(*selectors.CONSULTEES)
def framework_comment(request, pk: int):
    framework = selectors.get_framework_for_user(request.user, pk)
    if not selectors.may_comment(request.user, framework):
        raise PermissionDenied("Comments are taken only while the framework is in consultation.")
    skills = selectors.skills_of(framework)
    form = CommentForm(request.POST or None, skills=skills)
    if request.method == "POST" and form.is_valid():
        skill = next((s for s in skills if str(s.pk) == form.cleaned_data["skill"]), None)
        try:
            services.framework_comment(acting_user=request.user, framework=framework, body=form.cleaned_data["body"],
                                       skill=skill)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Thank you: your comment has been added")
            return redirect(framework.get_absolute_url() + "#comments")
    return render(request, "passport/framework_comment.html", {"framework": framework, "form": form},
                  status=_status(form))


def _hub_partnership(request):
    assignment = next(iter(request.user.assignments_for(Role.HUB_MANAGER)), None)
    if assignment is None:
        raise PermissionDenied("Only hub managers draft the skills framework.")
    return assignment.partnership


@roles(*selectors.FRAMEWORK_MANAGERS)
def framework_draft(request):
    partnership = _hub_partnership(request)
    if request.method == "POST":
        try:
            framework = services.framework_draft(acting_user=request.user, partnership=partnership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("passport:framework_list")
        messages.success(request, f"You have started version {framework.version}, a copy of the last version")
        return redirect(framework.get_absolute_url())
    latest = selectors.latest_framework(partnership.pk)
    return render(request, "passport/framework_draft.html", {"latest": latest,
                                                             "in_progress": selectors.framework_in_progress(partnership.pk)})


def _managed_framework(request, pk: int):
    framework = selectors.get_framework_for_user(request.user, pk)
    if not selectors.manages_frameworks(request.user, framework.partnership_id):
        raise PermissionDenied("Only the partnership's hub manager changes the skills framework.")
    if not framework.is_editable:
        raise PermissionDenied("An approved version cannot be changed: start a new version.")
    return framework


@roles(*selectors.FRAMEWORK_MANAGERS)
def framework_edit(request, pk: int):
    framework = _managed_framework(request, pk)
    form = FrameworkForm(request.POST or None, initial={"name": framework.name, "introduction": framework.introduction})
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_update(acting_user=request.user, framework=framework, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your changes have been saved")
            return redirect(framework.get_absolute_url())
    return render(request, "passport/framework_edit.html", {"framework": framework, "form": form},
                  status=_status(form))


@roles(*selectors.FRAMEWORK_MANAGERS)
def skill_edit(request, pk: int, skill_pk: int | None = None):
    framework = _managed_framework(request, pk)
    skill = get_object_or_404(Skill, pk=skill_pk, framework=framework) if skill_pk else None
    initial = {}
    if skill is not None:
        initial = {"name": skill.name, "summary": skill.summary}
        for level in SkillLevel.objects.filter(skill=skill):
            initial[f"level_{level.level}_name"] = level.name
            initial[f"level_{level.level}_descriptor"] = level.descriptor
    else:
        from .shipped import LEVEL_NAMES

        initial = {f"level_{level}_name": LEVEL_NAMES[level] for level in LEVELS}
    form = SkillForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.skill_save(acting_user=request.user, framework=framework, skill=skill,
                                name=form.cleaned_data["name"], summary=form.cleaned_data["summary"],
                                levels=form.levels())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The skill {form.cleaned_data['name']} has been saved")
            return redirect(framework.get_absolute_url())
    return render(request, "passport/skill_form.html", {"framework": framework, "skill": skill, "form": form},
                  status=_status(form))


@roles(*selectors.FRAMEWORK_MANAGERS)
def skill_remove(request, pk: int, skill_pk: int):
    framework = _managed_framework(request, pk)
    skill = get_object_or_404(Skill, pk=skill_pk, framework=framework)
    if request.method == "POST":
        try:
            services.skill_remove(acting_user=request.user, skill=skill)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The skill {skill.name} has been removed from this draft")
        return redirect(framework.get_absolute_url())
    return render(request, "passport/skill_remove.html", {"framework": framework, "skill": skill})


@roles(*selectors.FRAMEWORK_MANAGERS)
@require_POST
def framework_status(request, pk: int):
    framework = _managed_framework(request, pk)
    step = request.POST.get("step")
    try:
        if step == "consult":
            services.framework_open_consultation(acting_user=request.user, framework=framework)
            messages.success(request, "Consultation is open: careers leaders and employer contacts have been asked "
                                      "for their comments")
        elif step == "approve":
            services.framework_approve(acting_user=request.user, framework=framework)
            messages.success(request, f"Version {framework.version} is approved: new evidence is recorded against it")
        else:
            raise ValidationError("Choose whether to open consultation or approve")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(framework.get_absolute_url())

