"""deploy/ is validated as CI runs it: the Kubernetes manifests against the Kubernetes schemas
(``kubernetes-validate``, which ships them), the compose file against the Compose
Specification's schema (vendored by ``check-jsonschema``), and the promises the issue makes:
a non-root image of the wheel only; two gateways, two workers and a migration job; probes on
``/health/*``, resource requests and a PodDisruptionBudget per component."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
MANIFESTS = sorted((DEPLOY / "k8s").glob("*.yaml"))


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def _all_resources() -> list[dict[str, Any]]:
    return [doc for path in MANIFESTS for doc in _documents(path)]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_every_kubernetes_manifest_is_valid(path: Path) -> None:
    version = kubernetes_validate.latest_version()
    for document in _documents(path):
        kubernetes_validate.validate(document, version, strict=True)


def test_a_broken_manifest_is_caught() -> None:
    [deployment, *_] = _documents(DEPLOY / "k8s" / "gateway.yaml")
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, kubernetes_validate.latest_version(), strict=True)


def test_each_component_has_probes_requests_and_a_disruption_budget() -> None:
    found = _all_resources()
    deployments = {d["metadata"]["name"]: d for d in found if d["kind"] == "Deployment"}
    budgets = {d["metadata"]["name"] for d in found if d["kind"] == "PodDisruptionBudget"}
    assert set(deployments) == {"qaqpa-gateway", "qaqpa-worker"} and budgets == set(deployments)
    gateway = deployments["qaqpa-gateway"]["spec"]["template"]["spec"]["containers"][0]
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    for deployment in deployments.values():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in pod["containers"]:
            assert container["resources"]["requests"]
            refs = {next(iter(ref)) for ref in container["envFrom"]}
            assert refs == {"configMapRef", "secretRef"}
    assert {d["kind"] for d in found} >= {"ConfigMap", "Secret", "Job", "Service"}


def _compose_schema() -> dict[str, Any]:
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads((vendored / "compose-spec.json").read_text("utf-8"))
    return schema


def test_the_compose_file_follows_the_compose_specification() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(compose, _compose_schema())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "lb"} <= set(services)
    assert sorted(s for s in services if s.startswith("gateway")) == ["gateway-1", "gateway-2"]
    assert sorted(s for s in services if s.startswith("worker")) == ["worker-1", "worker-2"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    for name in ("gateway-1", "gateway-2", "worker-1", "worker-2"):
        waits = services[name]["depends_on"]["migrate"]["condition"]
        assert waits == "service_completed_successfully"
    assert services["lb"]["ports"] == ["127.0.0.1:8080:8080"]  # loopback only


def test_a_broken_compose_file_is_caught() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    compose["services"]["redis"]["depends"] = ["postgres"]  # a misspelt depends_on
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(compose, _compose_schema())


def test_the_image_is_the_wheel_only_run_by_a_non_root_user() -> None:
    lines = (DEPLOY / "Containerfile").read_text(encoding="utf-8").splitlines()
    copies = [line for line in lines if line.startswith("COPY")]
    assert not any("testkit" in line or "tests" in line for line in copies)
    assert any("uv build --wheel" in line for line in lines)
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and all(not user.startswith("0") and user != "root" for user in users)
