"""The JSON API. OpenAPI document at /api/openapi.json, browsable docs at /api/docs."""
from ninja import NinjaAPI

from careershub.accounts.api_auth import API_AUTH

api = NinjaAPI(
    title="Careers Hub API",
    version="1",
    description=(
        "The partnership network, enterprise advisers and young people's records. Authenticate with "
        "a bearer token (create one under Account > API tokens) or the browser session."
    ),
    auth=API_AUTH,
    urls_namespace="api",
)

api.add_router("/network/", "careershub.network.api.router")
api.add_router("/network/", "careershub.network.dashboard_api.router")
api.add_router("/advisers/", "careershub.advisers.api.router")
api.add_router("/young-people/", "careershub.young_people.api.router")
api.add_router("/benchmarks/", "careershub.benchmarks.api.router")
api.add_router("/opportunities/", "careershub.opportunities.api.router")
api.add_router("/opportunities/", "careershub.opportunities.application_api.router")
api.add_router("/allocation/", "careershub.allocation.api.router")
api.add_router("/opportunities/", "careershub.opportunities.encounter_api.router")
api.add_router("/plans/", "careershub.plans.api.router")
api.add_router("/passport/", "careershub.passport.api.router")
api.add_router("/mentoring/", "careershub.mentoring.api.router")
api.add_router("/cohorts/", "careershub.cohorts.api.router")
