"""S1 (000, 002): customs release as a state machine.

received ─register→ registered ─check_risk→ risk_check, then by corridor:

* green / blue: ─release_automatically→ payment_write_off (no officer);
* yellow / red: ─assign_control→ under_control (documentary control; red adds the inspection
  and its act) ─approve→ payment_write_off, or ─refuse→ release_refused (motivated, with how
  to remove the reasons). An authorised officer re-routing to green/blue: ─reroute_release→
  payment_write_off.

payment_write_off is the system's step "check the write-off": ─write_off→ release_permitted
when the personal account covers the duties and taxes (written off in the same transaction),
else ─await_payment→ payment_required, left by ─write_off→ release_permitted after a top-up.
release_permitted ─collect→ goods_collected when the temporary-storage warehouse reports the
exit. A declaration failing the format-and-logic control: received ─refuse_registration→
registration_refused (a motivated notice listing each error).

The moves after registration are made by registry.customs_release.hooks in the
same transaction as the move that led to them: a green declaration is registered, selected
and released by one registration job.
"""

from __future__ import annotations

from registry.catalogue.flow import RECEIVED
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import Status, Transition

SERVICE = "customs-release"

REGISTERED = "registered"
REGISTRATION_REFUSED = "registration_refused"
RISK_CHECK = "risk_check"
UNDER_CONTROL = "under_control"
PAYMENT_WRITE_OFF = "payment_write_off"  # the catalogue step's code: the step is open
PAYMENT_REQUIRED = "payment_required"
RELEASE_PERMITTED = "release_permitted"
RELEASE_REFUSED = "release_refused"
GOODS_COLLECTED = "goods_collected"

CUSTOMS_STATUSES: tuple[Status, ...] = (
    RECEIVED,
    Status(code=REGISTERED, names=T(kk="Тіркелді", ru="Зарегистрирована", en="Registered")),
    Status(
        code=REGISTRATION_REFUSED,
        names=T(kk="Тіркеуден бас тартылды", ru="Отказано в регистрации",
                en="Registration refused"),
        final=True,
    ),
    Status(
        code=RISK_CHECK,
        names=T(kk="ТБЖ тексеруі", ru="Проверка СУР", en="Risk-system check"),
    ),
    Status(
        code=UNDER_CONTROL,
        names=T(kk="Кедендік бақылауда", ru="На таможенном контроле", en="Under customs control"),
    ),
    Status(
        code=PAYMENT_WRITE_OFF,
        names=T(kk="Төлемдерді есептен шығаруды тексеру", ru="Проверка списания платежей",
                en="Checking the write-off of payments"),
    ),
    Status(
        code=PAYMENT_REQUIRED,
        names=T(kk="Төлем талап етіледі", ru="Требуется оплата", en="Payment required"),
    ),
    Status(
        code=RELEASE_PERMITTED,
        names=T(kk="Тауарларды шығаруға рұқсат етілді", ru="Выпуск товаров разрешён",
                en="Release of goods permitted"),
    ),
    Status(
        code=RELEASE_REFUSED,
        names=T(kk="Тауарларды шығарудан бас тартылды", ru="Отказано в выпуске товаров",
                en="Release of goods refused"),
        final=True,
    ),
    Status(
        code=GOODS_COLLECTED,
        names=T(kk="Тауарлар УСҚ-дан алынды", ru="Товары вывезены с СВХ",
                en="Goods collected from the warehouse"),
        final=True,
    ),
)  # fmt: skip

CUSTOMS_TRANSITIONS: tuple[Transition, ...] = (
    Transition(action="register", source=RECEIVED.code, target=REGISTERED, roles=("system",)),
    Transition(
        action="refuse_registration", source=RECEIVED.code, target=REGISTRATION_REFUSED,
        roles=("system",), effect="result_refused",
    ),
    Transition(action="check_risk", source=REGISTERED, target=RISK_CHECK, roles=("system",)),
    Transition(
        action="release_automatically", source=RISK_CHECK, target=PAYMENT_WRITE_OFF,
        roles=("system",),
    ),
    Transition(
        action="assign_control", source=RISK_CHECK, target=UNDER_CONTROL, roles=("system",)
    ),
    Transition(
        action="approve", source=UNDER_CONTROL, target=PAYMENT_WRITE_OFF, roles=("executor",)
    ),
    Transition(
        action="refuse", source=UNDER_CONTROL, target=RELEASE_REFUSED, roles=("executor",),
        effect="result_refused",
    ),
    Transition(
        action="reroute_release", source=UNDER_CONTROL, target=PAYMENT_WRITE_OFF,
        roles=("head", "unit_head"),
    ),
    Transition(
        action="write_off", source=PAYMENT_WRITE_OFF, target=RELEASE_PERMITTED,
        roles=("system",), effect="result_approved",
    ),
    Transition(
        action="await_payment", source=PAYMENT_WRITE_OFF, target=PAYMENT_REQUIRED,
        roles=("system",),
    ),
    Transition(
        action="write_off", source=PAYMENT_REQUIRED, target=RELEASE_PERMITTED,
        roles=("system",), effect="result_approved",
    ),
    Transition(action="collect", source=RELEASE_PERMITTED, target=GOODS_COLLECTED,
               roles=("system",)),
)  # fmt: skip
