"""Refused changes over the API answer 422 with the problems by field, as the pages show them
beside the fields: the same shape django-ninja gives for a malformed request."""
from django.core.exceptions import ValidationError
from ninja.errors import ValidationError as ApiValidationError


def problems(error: ValidationError, renamed: dict[str, str] | None = None) -> ApiValidationError:
    """The API's 422 for a service's ValidationError; ``renamed`` maps service field names to the
    names the API's payload uses ("owner" -> "owner_id")."""
    renamed = renamed or {}
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    return ApiValidationError([
        {"type": "invalid", "loc": ["body", "payload"] + ([renamed.get(name, name)] if name and name != "__all__" else []),
         "msg": message}
        for name, messages in items for message in messages
    ])
