"""The Litestar application factory.

``create_app()`` is what granian serves (``gateway.app:create_app``, factory mode) and what
tests build with their own settings. Controllers are grouped by audience; this module only
assembles them with the cross-cutting pieces: problem details, request ids and logs,
metrics, OpenAPI docs and the process resources.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.datastructures import State
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.plugins.prometheus import PrometheusConfig

from gateway.agencies.controller import AgencyController
from gateway.applications.controller import ApplicationController
from gateway.calendar.controller import CalendarController
from gateway.calendar.transfers import CalendarTransferController
from gateway.complaints.officer import OfficerComplaintController
from gateway.complaints.partner import ComplaintController
from gateway.console.admin import ConsoleAdminController
from gateway.console.live import ConsoleStreamController
from gateway.console.pages import ConsoleController
from gateway.console.rendering import template_config
from gateway.console.static import console_static_files
from gateway.customs.declarations import RerouteController, WarehouseController
from gateway.customs.payments import AccountController
from gateway.customs.risk_admin import RiskAdminController, RiskChangeController
from gateway.dependencies import RESOURCES_DEPENDENCY
from gateway.docs_static import ASSETS_PATH, FAVICON, docs_static_files
from gateway.documents.delivery import DocumentController
from gateway.documents.roots import PkiController
from gateway.documents.verify import VerifyController
from gateway.exams.officers import ExamSessionController
from gateway.exams.public import ExamScheduleController
from gateway.health import HealthController, MetricsController
from gateway.logging import request_id_middleware
from gateway.officers.controller import OfficerController
from gateway.officers.eds import EdsAuthController
from gateway.officers.files import OfficerFileController
from gateway.officers.signing import OfficerSigningController
from gateway.openapi_links import declare_links
from gateway.openapi_responses import declare_problem_responses
from gateway.openapi_security import components, declare_security
from gateway.openapi_structs import ClosedStructSchemaPlugin
from gateway.problems import problem_details_plugin
from gateway.ratelimit import limit_every_client_address
from gateway.resources import resources_lifespan
from gateway.services.controller import ServiceController
from gateway.status.controller import StatusController
from gateway.status.tokens import StatusTokenController
from gateway.webhooks.controller import WebhookController
from gateway.worklist.controller import WorklistController
from registry.domains import install as install_services
from registry.logs import configure_logging
from registry.production import refusal
from registry.settings import Settings, SettingsError, load_settings

API_VERSION = "0.1.0"
DOCS_PATH = "/docs"


def openapi_config() -> OpenAPIConfig:
    """OpenAPI 3.1 document at ``/docs/openapi.json``, Scalar at ``/docs``, Swagger UI too."""
    return OpenAPIConfig(
        title="Qaqpa",
        version=API_VERSION,
        description=(
            "Gateway for Kazakhstan government e-services: signed applications in, "
            "signed results out. Errors are RFC 9457 problem documents with a stable `code`."
        ),
        path=DOCS_PATH,
        components=components(),
        # Local assets only (gateway/docs_assets/): the docs work on a machine without internet.
        render_plugins=[
            ScalarRenderPlugin(
                path="/",
                js_url=f"{ASSETS_PATH}/scalar/standalone.js",
                css_url=f"{ASSETS_PATH}/scalar/scalar.css",
                # Nothing from Scalar's services: no fonts (fonts.scalar.com), no request relayed
                # through proxy.scalar.com, no AI agent (its registry search calls api.scalar.com).
                options={"withDefaultFonts": False, "proxyUrl": "", "agent": {"disabled": True}},
                favicon=FAVICON,
            ),
            SwaggerRenderPlugin(
                path="/swagger",
                js_url=f"{ASSETS_PATH}/swagger-ui/swagger-ui-bundle.js",
                css_url=f"{ASSETS_PATH}/swagger-ui/swagger-ui.css",
                standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui/swagger-ui-standalone-preset.js",
                favicon=FAVICON,
            ),
        ],
    )


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the gateway for ``settings`` (default: read from the environment)."""
    settings = settings or load_settings()
    # `qaqpa run` checks before binding; this covers a server given the factory directly.
    refused = refusal(settings)
    if refused is not None:
        raise SettingsError(refused)
    configure_logging(settings.log_level, json=settings.log_json)
    install_services()  # the engine acts on decisions with the services' hooks and builders
    prometheus = PrometheusConfig(
        app_name="qaqpa", prefix="qaqpa", group_path=True, exclude=["/metrics"]
    )
    app = Litestar(
        route_handlers=[
            HealthController,
            MetricsController,
            ServiceController,
            CalendarController,
            CalendarTransferController,
            ApplicationController,
            WebhookController,
            StatusController,
            StatusTokenController,
            OfficerController,
            EdsAuthController,
            OfficerFileController,
            WorklistController,
            OfficerSigningController,
            AgencyController,
            ComplaintController,
            OfficerComplaintController,
            ExamScheduleController,
            ExamSessionController,
            RiskAdminController,
            RiskChangeController,
            DocumentController,
            VerifyController,
            PkiController,
            AccountController,
            WarehouseController,
            RerouteController,
            ConsoleController,
            ConsoleAdminController,
            ConsoleStreamController,
            console_static_files(),
            docs_static_files(),
        ],
        # App guards run before every route's own: the per-address limit comes before any
        # API key or officer token is looked up.
        guards=[limit_every_client_address],
        middleware=[prometheus.middleware],
        plugins=[problem_details_plugin(), ClosedStructSchemaPlugin()],
        lifespan=[resources_lifespan(settings)],
        dependencies=RESOURCES_DEPENDENCY,
        openapi_config=openapi_config(),
        template_config=template_config(),
        # Logging is configured above (structlog, JSON); Litestar must not replace it.
        logging_config=None,
        request_max_body_size=settings.max_body_bytes,
        state=State({"settings": settings}),
    )
    # Litestar runs app middleware only for matched routes; wrapping its ASGI handler gives
    # 404s and 405s a request id and an access-log line too.
    app.asgi_handler = request_id_middleware(app.asgi_handler)
    declare_security(app)  # before the document is first built (lazily, on first read)
    declare_problem_responses(app)  # after security: 401/403 follow from it
    declare_links(app)
    return app
