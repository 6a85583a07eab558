"""A legal entity's application is signed by someone entitled to sign for it (issue 13 item 10).

NCA names the holder's role in the certificate's extended key usage; the catalogue says which
roles may sign each service (``signing_roles``). The test PKI has one certificate per role for
the same legal entity (BIN 940140000385).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.applications.signed import LEGAL_BIN, detached, document_for, xml_signed
from tests.applications.stored import applications_of
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
URL = "/v1/applications"
MONEY = "customs-release"  # pays duties: the financial signer may sign it
NO_MONEY = "pm-import-act"


async def _submit(
    client: Client, partner: PartnerKey, body: dict[str, str]
) -> tuple[int, dict[str, Any]]:
    response = await client.post(URL, json=body, headers=partner.headers)
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("legal-employee", "employee (1.2.398.3.3.4.1.2.5)"),
        ("legal-hr", "hr (1.2.398.3.3.4.1.2.4)"),
        ("legal-system", "information_system (1.2.398.5.19.1.2.2.1)"),
    ],
)
async def test_staff_without_the_right_to_sign_are_refused(
    flow: Flow, label: str, role: str
) -> None:
    partner = await flow.make_partner()
    document = document_for(MONEY, bin=LEGAL_BIN)
    status, problem = await _submit(flow.client, partner, detached(flow.pki, label, document))
    assert (status, problem["code"]) == (422, "no_signing_authority"), problem
    assert f"the certificate's NCA role is {role}" in problem["detail"]
    assert problem["signing_roles"] == ["first_head", "signer", "finance_signer"]
    assert await applications_of(flow.sessions, partner.id) == 0


async def test_the_refusal_is_titled_in_three_languages(flow: Flow) -> None:
    partner = await flow.make_partner()
    body = xml_signed(flow.pki, "legal-employee", document_for(NO_MONEY, bin=LEGAL_BIN))
    titles = set()
    for language in ("kk", "ru", "en"):
        response = await flow.client.post(
            URL, json=body, headers={**partner.headers, "Accept-Language": language}
        )
        assert response.json()["code"] == "no_signing_authority"
        titles.add(response.json()["title"])
    assert len(titles) == 3


@pytest.mark.parametrize("label", ["legal-sign", "legal-signer"])
@pytest.mark.parametrize("service", [MONEY, NO_MONEY])
async def test_the_first_head_and_an_authorised_signer_sign_any_service(
    flow: Flow, label: str, service: str
) -> None:
    partner = await flow.make_partner()
    body = detached(flow.pki, label, document_for(service, bin=LEGAL_BIN))
    status, answer = await _submit(flow.client, partner, body)
    assert status == 202, answer


async def test_the_financial_signer_signs_only_where_money_is_concerned(flow: Flow) -> None:
    partner = await flow.make_partner()
    money = detached(flow.pki, "legal-finance", document_for(MONEY, bin=LEGAL_BIN))
    status, answer = await _submit(flow.client, partner, money)
    assert status == 202, answer
    other = detached(flow.pki, "legal-finance", document_for(NO_MONEY, bin=LEGAL_BIN))
    status, problem = await _submit(flow.client, partner, other)
    assert (status, problem["code"]) == (422, "no_signing_authority"), problem
    assert "finance_signer (1.2.398.3.3.4.1.2.3)" in problem["detail"]
    assert problem["signing_roles"] == ["first_head", "signer"]


async def test_the_catalogue_shows_who_may_sign(client: Client) -> None:
    customs = (await client.get(f"/v1/services/{MONEY}")).json()
    assert customs["signing_roles"] == ["first_head", "signer", "finance_signer"]
    act = (await client.get(f"/v1/services/{NO_MONEY}")).json()
    assert act["signing_roles"] == ["first_head", "signer"]
