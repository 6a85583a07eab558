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

import msgspec

from registry.catalogue.flow import RECEIVED, moves
from registry.catalogue.model import LocalizedText as T
from registry.catalogue.model import RefusalGround, ServiceDefinition, Status, Step, Transition
from registry.customs_release.forms import CustomsReleaseForm

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
        names=T(
            kk="Тіркеуден бас тартылды", ru="Отказано в регистрации", en="Registration refused"
        ),
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
        names=T(
            kk="Төлемдерді есептен шығаруды тексеру",
            ru="Проверка списания платежей",
            en="Checking the write-off of payments",
        ),
    ),
    Status(
        code=PAYMENT_REQUIRED,
        names=T(kk="Төлем талап етіледі", ru="Требуется оплата", en="Payment required"),
    ),
    Status(
        code=RELEASE_PERMITTED,
        names=T(
            kk="Тауарларды шығаруға рұқсат етілді",
            ru="Выпуск товаров разрешён",
            en="Release of goods permitted",
        ),
    ),
    Status(
        code=RELEASE_REFUSED,
        names=T(
            kk="Тауарларды шығарудан бас тартылды",
            ru="Отказано в выпуске товаров",
            en="Release of goods refused",
        ),
        final=True,
    ),
    Status(
        code=GOODS_COLLECTED,
        names=T(
            kk="Тауарлар УСҚ-дан алынды",
            ru="Товары вывезены с СВХ",
            en="Goods collected from the warehouse",
        ),
        final=True,
    ),
)

CUSTOMS_TRANSITIONS: tuple[Transition, ...] = moves(
    ("register", RECEIVED.code, REGISTERED, "system"),
    ("refuse_registration", RECEIVED.code, REGISTRATION_REFUSED, "system", "result_refused"),
    ("check_risk", REGISTERED, RISK_CHECK, "system"),
    ("release_automatically", RISK_CHECK, PAYMENT_WRITE_OFF, "system"),
    ("assign_control", RISK_CHECK, UNDER_CONTROL, "system"),
    ("approve", UNDER_CONTROL, PAYMENT_WRITE_OFF, "executor"),
    ("refuse", UNDER_CONTROL, RELEASE_REFUSED, "executor", "result_refused"),
    ("reroute_release", UNDER_CONTROL, PAYMENT_WRITE_OFF, ("head", "unit_head")),
    ("write_off", PAYMENT_WRITE_OFF, RELEASE_PERMITTED, "system", "result_approved"),
    ("await_payment", PAYMENT_WRITE_OFF, PAYMENT_REQUIRED, "system"),
    ("write_off", PAYMENT_REQUIRED, RELEASE_PERMITTED, "system", "result_approved"),
    ("collect", RELEASE_PERMITTED, GOODS_COLLECTED, "system"),
)

REGISTRATION_GROUND = RefusalGround(
    code="registration_conditions_not_met",
    text=T(
        kk=(
            "«Қазақстан Республикасындағы кеден ісі туралы» Кодекстің 288-бабының "
            "4-тармағында көзделген шарттардың сақталмауы (ЭҚ-ны тіркеуден бас тарту)"
        ),
        ru=(
            "Несоблюдение условий, предусмотренных пунктом 4 статьи 288 Кодекса «О "
            "таможенном деле в Республике Казахстан» (отказ в регистрации ДТ)"
        ),
        en="Conditions of Customs Code art. 288 p.4 not met (registration refused)",
    ),
)

RELEASE_GROUND = RefusalGround(
    code="release_conditions_not_met",
    text=T(
        kk="Стандарттың 10-тармағында көрсетілген тауарларды шығарудың шарттары сақталмауы",
        ru="Несоблюдение условий выпуска товаров, указанных в пункте 10 Стандарта",
        en="Conditions of release in the Standard p.10 not met (release refused)",
    ),
)

CUSTOMS_RELEASE = ServiceDefinition(
    code=SERVICE,
    names=T(
        kk=(
            "Электрондық құжат түрінде тауарларға арналған декларацияларды пайдалана отырып "
            "тауарларды кедендік тазарту және шығару"
        ),
        ru=(
            "Таможенная очистка и выпуск товаров с использованием деклараций на товары в форме "
            "электронного документа"
        ),
        en="Customs clearance and release of goods by electronic goods declaration",
    ),
    provider=T(
        kk=(
            "Қазақстан Республикасы Қаржы министрлігінің Мемлекеттік кірістер департаменттері мен "
            "кедендер"
        ),
        ru=(
            "Департаменты государственных доходов и таможни Министерства финансов Республики "
            "Казахстан"
        ),
        en="State Revenue departments and customs of the Ministry of Finance of Kazakhstan",
    ),
    regulation="000, 002",
    applicant_kinds=("individual", "legal_entity"),
    form=CustomsReleaseForm,
    form_schema="CustomsReleaseForm",
    registration_term="2 working-hours",
    steps=(
        Step(
            code="registration",
            names=T(
                kk=(
                    "ЭҚ-ны ақпараттық жүйеде және тауарларға арналған декларацияларды тіркеу "
                    "журналында тіркеу"
                ),
                ru=(
                    "Регистрация ДТ в информационной системе и в журнале регистрации деклараций на"
                    " товары"
                ),
                en="Register the declaration in the system and the declaration journal",
            ),
            role="executor",
            term="2 working-hours",
            term_note=(
                "000 p.5(1), p.8(1): «екі сағаттан аспайтын мерзімде»; or refuse (Customs Code "
                "art. 288 p.4)."
            ),
        ),
        Step(
            code="automated_control",
            names=T(
                kk=(
                    "Автоматтандырылған бақылау: СЭҚ ТН коды, құны, жеңілдіктер, тыйымдар мен "
                    "шектеулер"
                ),
                ru=(
                    "Автоматизированный контроль: код ТН ВЭД, стоимость, льготы, запреты и "
                    "ограничения"
                ),
                en="Automated control: HS code, value, benefits, prohibitions and restrictions",
            ),
            role="system",
            term=None,
            term_note="002 p.2; runs inside the release term.",
        ),
        Step(
            code="risk_assessment",
            names=T(
                kk="Тәуекелдерді басқару жүйесі (ТБЖ): дәлізді тағайындау",
                ru="Система управления рисками (СУР): назначение коридора",
                en="Risk management system: corridor (green, yellow, blue, red)",
            ),
            role="system",
            term=None,
            term_note="002 p.3: green = automatic release; others assign forms of control.",
        ),
        Step(
            code="payment_write_off",
            names=T(
                kk="Кедендік төлемдер мен салықтарды дербес шоттан есептен шығаруды тексеру",
                ru="Проверка списания таможенных платежей и налогов с лицевого счёта",
                en="Check the write-off of duties and taxes from the personal account",
            ),
            role="system",
            term=None,
            term_note="000 p.8(2), 002 p.4.",
        ),
        Step(
            code="release_decision",
            names=T(
                kk="Тауарларды шығару туралы шешім не шығарудан дәлелді бас тарту",
                ru="Решение о выпуске товаров либо мотивированный отказ в выпуске",
                en="Decision to release the goods, or motivated refusal of release",
            ),
            role="executor",
            term="4 working-hours",
            term_note=(
                "000 p.5(3): «Стандарттың 4-тармағында белгіленген мерзімде»; the Standard is not "
                "among the seeds. 4 hours from registration is the EAEU Customs Code art. 119 p.1 "
                "limit — confirm against the Standard."
            ),
        ),
    ),
    total_term=None,
    total_term_note=(
        "The release term of the Standard p.4 (not in the seeds): see release_decision."
    ),
    pausable=False,
    result_document=T(
        kk="Тауарларды шығару туралы шешім («тауарларды шығаруға рұқсат берілді» мәртебесі бар ЭҚ)",
        ru="Решение о выпуске товаров (ДТ со статусом «выпуск товаров разрешён»)",
        en="Decision to release the goods (declaration with status 'release permitted')",
    ),
    refusal_grounds=(
        REGISTRATION_GROUND,
        RELEASE_GROUND,
        RefusalGround(
            code="paper_permits_required",
            text=T(
                kk=(
                    "Тарифтік емес реттеуді растайтын рұқсат құжаттары Мемлекеттік кірістер "
                    "комитетінің ақпараттық жүйелерінде жоқ, қағаз түрінде ұсынылуы тиіс"
                ),
                ru=(
                    "Разрешительные документы нетарифного регулирования отсутствуют в "
                    "информационных системах Комитета государственных доходов и должны быть "
                    "представлены на бумаге"
                ),
                en=(
                    "Non-tariff permits are not in the revenue committee's systems and must be "
                    "presented on paper"
                ),
            ),
        ),
    ),
    journal=T(
        kk="Тауарларға арналған декларацияларды тіркеу журналы",
        ru="Журнал регистрации деклараций на товары",
        en="Goods-declaration registration journal",
    ),
    # The declaration commits the declarant's money (duties, taxes, the advance-payment
    # write-off), which is what NCA's financial-signer role exists for.
    signing_roles=("first_head", "signer", "finance_signer"),
)
# The state machine above, on the steps of the definition.
CUSTOMS_RELEASE = msgspec.structs.replace(
    CUSTOMS_RELEASE, statuses=CUSTOMS_STATUSES, transitions=CUSTOMS_TRANSITIONS
)
