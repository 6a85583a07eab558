"""The titles of every problem ``code``, in kk, ru and en: a table of data.

Kept apart from :mod:`gateway.problems` (which turns errors into problem documents) because it
is long and grows with every new code. ``tests/gateway/test_problem_codes.py`` checks that every
code the code can raise has all three titles.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

# code -> titles by language. Codes are a contract: add new ones, never rename.
TITLES: dict[str, dict[Language, str]] = {
    # --- workflow (registry.workflow.errors) ---
    "application_not_found": {
        "en": "The application does not exist",
        "ru": "Заявка не найдена",
        "kk": "Өтінім табылмады",
    },
    "invalid_transition": {
        "en": "This action is not allowed in the application's current status",
        "ru": "Это действие недопустимо в текущем статусе заявки",
        "kk": "Бұл әрекет өтінімнің ағымдағы мәртебесінде рұқсат етілмейді",
    },
    "role_not_allowed": {
        "en": "Your role may not take this action",
        "ru": "Ваша роль не позволяет выполнить это действие",
        "kk": "Сіздің рөліңіз бұл әрекетті орындауға мүмкіндік бермейді",
    },
    # --- webhooks (registry.webhooks.errors) ---
    "webhook_not_found": {
        "en": "The webhook endpoint does not exist",
        "ru": "Конечная точка веб-хука не найдена",
        "kk": "Веб-хук нүктесі табылмады",
    },
    "webhook_delivery_not_found": {
        "en": "The webhook delivery does not exist",
        "ru": "Доставка веб-хука не найдена",
        "kk": "Веб-хук жеткізілімі табылмады",
    },
    "webhook_url_refused": {
        "en": "This URL may not receive webhooks",
        "ru": "Этот URL не может получать веб-хуки",
        "kk": "Бұл URL веб-хуктарды қабылдай алмайды",
    },
    "webhook_event_unknown": {
        "en": "Unknown webhook event type",
        "ru": "Неизвестный тип события веб-хука",
        "kk": "Веб-хук оқиғасының белгісіз түрі",
    },
    # --- issued documents (gateway.documents) ---
    "document_unreadable": {
        "en": "The document is neither a readable PDF nor an XML document",
        "ru": "Документ не является читаемым PDF или XML-документом",
        "kk": "Құжат оқылатын PDF немесе XML құжаты емес",
    },
    "task_not_found": {
        "en": "The task does not exist or is closed",
        "ru": "Задача не найдена или закрыта",
        "kk": "Тапсырма табылмады немесе жабылған",
    },
    "task_assigned_elsewhere": {
        "en": "The task is assigned to another officer",
        "ru": "Задача назначена другому сотруднику",
        "kk": "Тапсырма басқа қызметкерге тағайындалған",
    },
    "four_eyes": {
        "en": "Whoever prepared a result cannot also sign it",
        "ru": "Подготовивший результат не может его подписать",
        "kk": "Нәтижені дайындаған адам оған қол қоя алмайды",
    },
    "invalid_decision": {
        "en": "The decision is incomplete or not valid",
        "ru": "Решение неполное или некорректное",
        "kk": "Шешім толық емес немесе дұрыс емес",
    },
    # --- S8 re-export permit (registry.reexport_permit.errors) ---
    "agency_request_not_found": {
        "en": "The request does not exist",
        "ru": "Запрос не найден",
        "kk": "Сұрау салу табылмады",
    },
    "agency_request_answered": {
        "en": "The request has already been answered",
        "ru": "На запрос уже дан ответ",
        "kk": "Сұрау салуға жауап берілген",
    },
    "guarantee_not_confirmed": {
        "en": "The importing country's guarantee has not been confirmed",
        "ru": "Гарантийное обязательство страны-импортёра не подтверждено",
        "kk": "Импорттаушы елдің кепілдік міндеттемесі расталмаған",
    },
    "negative_agency_answer": {
        "en": "Not every export-control agency has agreed",
        "ru": "Не все органы экспортного контроля дали согласие",
        "kk": "Экспорттық бақылау органдарының барлығы келісім бермеген",
    },
    # --- complaints (registry.complaints.errors) ---
    "complaint_not_found": {
        "en": "The complaint does not exist",
        "ru": "Жалоба не найдена",
        "kk": "Шағым табылмады",
    },
    "application_not_registered": {
        "en": "The application is not registered yet",
        "ru": "Заявка ещё не зарегистрирована",
        "kk": "Өтінім әлі тіркелмеген",
    },
    "complaint_already_decided": {
        "en": "The complaint has already been decided",
        "ru": "По жалобе уже принято решение",
        "kk": "Шағым бойынша шешім қабылданып қойған",
    },
    "complaint_settle_term_expired": {
        "en": "The term for settling the complaint by granting the request is over",
        "ru": "Срок урегулирования жалобы путём удовлетворения требования истёк",
        "kk": "Талапты қанағаттандыру арқылы шағымды реттеу мерзімі өтті",
    },
    "complaint_not_decided": {
        "en": "The complaint has not been decided yet",
        "ru": "По жалобе ещё не принято решение",
        "kk": "Шағым бойынша шешім әлі қабылданбаған",
    },
    "complaint_decision_already_approved": {
        "en": "The complaint's decision has already been approved for signature",
        "ru": "Решение по жалобе уже одобрено к подписанию",
        "kk": "Шағым бойынша шешім қол қоюға бекітіліп қойған",
    },
    "workflow_error": {
        "en": "The workflow action failed",
        "ru": "Действие процесса не выполнено",
        "kk": "Процесс әрекеті орындалмады",
    },
    "bad_request": {
        "en": "The request is not valid",
        "ru": "Некорректный запрос",
        "kk": "Сұрау дұрыс емес",
    },
    "validation_error": {
        "en": "The request failed validation",
        "ru": "Запрос не прошёл проверку",
        "kk": "Сұрау тексеруден өтпеді",
    },
    "unauthorized": {
        "en": "Authentication is required",
        "ru": "Требуется аутентификация",
        "kk": "Аутентификация қажет",
    },
    "forbidden": {
        "en": "Access is denied",
        "ru": "Доступ запрещён",
        "kk": "Қол жеткізуге тыйым салынған",
    },
    "not_found": {
        "en": "The resource was not found",
        "ru": "Ресурс не найден",
        "kk": "Ресурс табылмады",
    },
    "method_not_allowed": {
        "en": "The method is not allowed for this resource",
        "ru": "Метод не разрешён для этого ресурса",
        "kk": "Бұл ресурс үшін әдіске рұқсат жоқ",
    },
    "conflict": {
        "en": "The request conflicts with the current state",
        "ru": "Запрос противоречит текущему состоянию",
        "kk": "Сұрау ағымдағы күйге қайшы келеді",
    },
    "payload_too_large": {
        "en": "The request body is too large",
        "ru": "Тело запроса слишком велико",
        "kk": "Сұрау денесі тым үлкен",
    },
    "unsupported_media_type": {
        "en": "The media type is not supported",
        "ru": "Тип содержимого не поддерживается",
        "kk": "Мазмұн түріне қолдау көрсетілмейді",
    },
    "rate_limited": {
        "en": "Too many requests; slow down and retry later",
        "ru": "Слишком много запросов; повторите позже",
        "kk": "Сұраулар тым көп; кейінірек қайталаңыз",
    },
    "too_many_streams": {
        "en": "Too many open event streams; close one and retry",
        "ru": "Слишком много открытых потоков событий; закройте один и повторите",
        "kk": "Ашық оқиғалар ағындары тым көп; біреуін жауып, қайталаңыз",
    },
    "internal_error": {
        "en": "An internal error occurred; it has been logged",
        "ru": "Произошла внутренняя ошибка; она записана в журнал",
        "kk": "Ішкі қате орын алды; ол журналға жазылды",
    },
    "not_ready": {
        "en": "The service is not ready",
        "ru": "Сервис не готов",
        "kk": "Қызмет дайын емес",
    },
    "service_unavailable": {
        "en": "The service is temporarily unavailable",
        "ru": "Сервис временно недоступен",
        "kk": "Қызмет уақытша қолжетімсіз",
    },
    "dependency_unavailable": {
        "en": "A service the gateway needs is briefly unavailable; retry after the delay given",
        "ru": "Необходимый сервис временно недоступен; повторите после указанной паузы",
        "kk": "Қажетті қызмет уақытша қолжетімсіз; көрсетілген үзілістен кейін қайталаңыз",
    },
    "unknown_service": {
        "en": "There is no such service",
        "ru": "Такой услуги нет",
        "kk": "Мұндай қызмет жоқ",
    },
    "applicant_mismatch": {
        "en": "The applicant does not match the signer's certificate",
        "ru": "Заявитель не совпадает с владельцем сертификата подписи",
        "kk": "Өтініш беруші қолтаңба сертификатының иесімен сәйкес келмейді",
    },
    "no_signing_authority": {
        "en": "The signer has no authority to sign for the legal entity",
        "ru": "Подписант не имеет права подписи от имени юридического лица",
        "kk": "Қол қоюшының заңды тұлға атынан қол қою құқығы жоқ",
    },
    "xml_mixed_content": {
        "en": "The <document> element must contain only the application's text",
        "ru": "Элемент <document> должен содержать только текст заявки",
        "kk": "<document> элементінде тек өтінімнің мәтіні болуы керек",
    },
    "idempotency_conflict": {
        "en": "This Idempotency-Key was already used with a different request",
        "ru": "Этот Idempotency-Key уже использован с другим запросом",
        "kk": "Бұл Idempotency-Key басқа сұраумен қолданылған",
    },
    "officer_unauthenticated": {
        "en": "An officer's access token is required",
        "ru": "Требуется токен доступа сотрудника",
        "kk": "Қызметкердің қол жеткізу токені қажет",
    },
    "officer_forbidden": {
        "en": "The officer's role does not allow this action",
        "ru": "Роль сотрудника не позволяет это действие",
        "kk": "Қызметкердің рөлі бұл әрекетке рұқсат бермейді",
    },
    # The signing verdicts (signing.result.Code), one title each.
    "malformed": {
        "en": "The signature or certificate cannot be read",
        "ru": "Подпись или сертификат не удаётся прочитать",
        "kk": "Қолтаңбаны немесе сертификатты оқу мүмкін емес",
    },
    "unsupported_algorithm": {
        "en": "The signature algorithm is not supported",
        "ru": "Алгоритм подписи не поддерживается",
        "kk": "Қолтаңба алгоритміне қолдау көрсетілмейді",
    },
    "weak_algorithm": {
        "en": "The signature uses a weak algorithm",
        "ru": "Подпись использует ненадёжный алгоритм",
        "kk": "Қолтаңба сенімсіз алгоритмді пайдаланады",
    },
    "untrusted": {
        "en": "EDS not confirmed: the certificate does not chain to a trusted root",
        "ru": "ЭЦП не подтверждена: сертификат не выдан доверенным УЦ",
        "kk": "ЭЦҚ расталмады: сертификат сенімді куәландырушы орталықпен берілмеген",
    },
    "expired": {
        "en": "EDS not confirmed: the certificate has expired",
        "ru": "ЭЦП не подтверждена: срок действия сертификата истёк",
        "kk": "ЭЦҚ расталмады: сертификаттың қолданылу мерзімі өтті",
    },
    "not_yet_valid": {
        "en": "EDS not confirmed: the certificate is not valid yet",
        "ru": "ЭЦП не подтверждена: сертификат ещё не действует",
        "kk": "ЭЦҚ расталмады: сертификат әлі күшіне енбеген",
    },
    "revoked": {
        "en": "EDS not confirmed: the certificate is revoked",
        "ru": "ЭЦП не подтверждена: сертификат отозван",
        "kk": "ЭЦҚ расталмады: сертификат кері қайтарылған",
    },
    "revocation_unknown": {
        "en": "EDS not confirmed: the revocation status cannot be checked now",
        "ru": "ЭЦП не подтверждена: статус отзыва сейчас проверить нельзя",
        "kk": "ЭЦҚ расталмады: кері қайтарылу мәртебесін қазір тексеру мүмкін емес",
    },
    "signature_invalid": {
        "en": "EDS not confirmed: the signature does not match the document",
        "ru": "ЭЦП не подтверждена: подпись не соответствует документу",
        "kk": "ЭЦҚ расталмады: қолтаңба құжатқа сәйкес келмейді",
    },
    "wrong_key_usage": {
        "en": "EDS not confirmed: this certificate is not for signing",
        "ru": "ЭЦП не подтверждена: сертификат не предназначен для подписи",
        "kk": "ЭЦҚ расталмады: сертификат қол қоюға арналмаған",
    },
    "invalid_iin": {
        "en": "The IIN is not a valid number",
        "ru": "ИИН некорректен",
        "kk": "ЖСН дұрыс емес",
    },
    "invalid_bin": {
        "en": "The BIN is not a valid number",
        "ru": "БИН некорректен",
        "kk": "БСН дұрыс емес",
    },
    "iin_mismatch": {
        "en": "EDS not confirmed: the IIN in the request differs from the certificate's",
        "ru": "ЭЦП не подтверждена: ИИН в запросе не совпадает с ИИН в сертификате",
        "kk": "ЭЦҚ расталмады: сұраудағы ЖСН сертификаттағы ЖСН-мен сәйкес келмейді",
    },
    "bin_mismatch": {
        "en": "EDS not confirmed: the BIN in the request differs from the certificate's",
        "ru": "ЭЦП не подтверждена: БИН в запросе не совпадает с БИН в сертификате",
        "kk": "ЭЦҚ расталмады: сұраудағы БСН сертификаттағы БСН-мен сәйкес келмейді",
    },
    # --- S2 qualification exams (registry.declarant_certificate.errors) ---
    "exam_session_not_found": {
        "en": "The exam session does not exist",
        "ru": "Сессия экзамена не найдена",
        "kk": "Емтихан сессиясы табылмады",
    },
    "exam_session_invalid": {
        "en": "The exam session cannot be published",
        "ru": "Сессию экзамена нельзя опубликовать",
        "kk": "Емтихан сессиясын жариялау мүмкін емес",
    },
    "exam_session_full": {
        "en": "No seats left in the exam session",
        "ru": "В сессии экзамена нет свободных мест",
        "kk": "Емтихан сессиясында бос орын жоқ",
    },
    "exam_session_closed": {
        "en": "The exam session has started or was held already",
        "ru": "Сессия экзамена уже началась или проведена",
        "kk": "Емтихан сессиясы басталды немесе өткізілді",
    },
    "exam_not_held": {
        "en": "The exam has not taken place yet",
        "ru": "Экзамен ещё не проведён",
        "kk": "Емтихан әлі өткізілген жоқ",
    },
    "exam_admission_not_found": {
        "en": "The applicant is not admitted to this exam session",
        "ru": "Заявитель не допущен к этой сессии экзамена",
        "kk": "Өтініш беруші осы емтихан сессиясына жіберілмеген",
    },
    "exam_answers_invalid": {
        "en": "The answers do not match the exam's questions",
        "ru": "Ответы не соответствуют вопросам экзамена",
        "kk": "Жауаптар емтихан сұрақтарына сәйкес емес",
    },
    # --- S1 risk management (registry.customs_release.risk.errors) ---
    "risk_rule_invalid": {
        "en": "The risk rule is not valid",
        "ru": "Правило управления рисками некорректно",
        "kk": "Тәуекелдерді басқару ережесі жарамсыз",
    },
    "risk_rule_exists": {
        "en": "A risk rule with this code exists already",
        "ru": "Правило управления рисками с таким кодом уже существует",
        "kk": "Осындай коды бар тәуекелдерді басқару ережесі бар",
    },
    "risk_rule_not_found": {
        "en": "The risk rule does not exist",
        "ru": "Правило управления рисками не найдено",
        "kk": "Тәуекелдерді басқару ережесі табылмады",
    },
    "risk_lane_invalid": {
        "en": "The corridor's lane parameters are not valid",
        "ru": "Параметры коридора некорректны",
        "kk": "Дәліз параметрлері жарамсыз",
    },
    "reroute_not_allowed": {
        "en": "Only an authorised officer may re-route a declaration",
        "ru": "Перенаправить декларацию может только уполномоченный сотрудник",
        "kk": "Декларацияны тек уәкілетті қызметкер қайта бағыттай алады",
    },
    "reroute_invalid": {
        "en": "The re-routing is not valid",
        "ru": "Перенаправление некорректно",
        "kk": "Қайта бағыттау жарамсыз",
    },
    "risk_selection_missing": {
        "en": "The declaration has no corridor yet",
        "ru": "Декларации ещё не назначен коридор",
        "kk": "Декларацияға әлі дәліз тағайындалмаған",
    },
    # --- four eyes on the risk system (registry.customs_release.risk.changes) ---
    "risk_change_not_found": {
        "en": "The risk change does not exist",
        "ru": "Изменение системы управления рисками не найдено",
        "kk": "Тәуекелдерді басқару жүйесіндегі өзгеріс табылмады",
    },
    "risk_change_not_pending": {
        "en": "The risk change has been applied already",
        "ru": "Изменение системы управления рисками уже применено",
        "kk": "Тәуекелдерді басқару жүйесіндегі өзгеріс әлдеқашан қолданылған",
    },
    # --- S1 customs payments (registry.customs_release.ledger) ---
    "payment_reference_conflict": {
        "en": "The payment reference was recorded for another account or amount",
        "ru": "Референс платежа уже учтён для другого счёта или суммы",
        "kk": "Төлем референсі басқа шот немесе сома үшін тіркелген",
    },
    "customs_account_not_found": {
        "en": "The personal account does not exist",
        "ru": "Лицевой счёт не существует",
        "kk": "Дербес шот жоқ",
    },
    "payment_reference_taken": {
        "en": "The payment reference was recorded by another payment partner",
        "ru": "Референс платежа уже учтён другим платёжным партнёром",
        "kk": "Төлем референсін басқа төлем серіктесі тіркеген",
    },
    # --- S1 warehouse exit (registry.customs_release.declarations) ---
    "warehouse_not_named": {
        "en": "The declaration does not name your warehouse",
        "ru": "В декларации не указан ваш склад временного хранения",
        "kk": "Декларацияда сіздің уақытша сақтау қоймаңыз көрсетілмеген",
    },
    # --- S1 preference classifier (registry.customs_release.preferences; qaqpa customs) ---
    "preference_exists": {
        "en": "The classifier already has this preference code",
        "ru": "Код льготы уже есть в классификаторе",
        "kk": "Жеңілдік коды жіктеуіште бар",
    },
    # --- the calendar (registry.calendar.errors; codes of the errors entries) ---
    "calendar_error": {
        "en": "The calendar input is not valid",
        "ru": "Некорректные данные календаря",
        "kk": "Күнтізбе деректері дұрыс емес",
    },
    "invalid_term": {
        "en": "The term is not valid",
        "ru": "Срок указан некорректно",
        "kk": "Мерзім дұрыс көрсетілмеген",
    },
    "invalid_time": {
        "en": "The time is not a valid ISO 8601 moment",
        "ru": "Время не соответствует формату ISO 8601",
        "kk": "Уақыт ISO 8601 пішіміне сәйкес емес",
    },
    "invalid_pause": {
        "en": "The pause ends before it starts or overlaps another",
        "ru": "Приостановка заканчивается раньше начала или пересекается с другой",
        "kk": "Тоқтата тұру басталмай тұрып аяқталады немесе басқасымен қабаттасады",
    },
    "transfer_proposal_not_found": {
        "en": "The calendar transfer proposal does not exist",
        "ru": "Предложение о переносе дня не найдено",
        "kk": "Күнді ауыстыру туралы ұсыныс табылмады",
    },
    "transfer_proposal_already_confirmed": {
        "en": "The calendar transfer proposal was already confirmed",
        "ru": "Предложение о переносе дня уже подтверждено",
        "kk": "Күнді ауыстыру туралы ұсыныс бұрын расталған",
    },
    "invalid_transfer": {
        "en": "The transfer of a working day is not valid",
        "ru": "Перенос рабочего дня некорректен",
        "kk": "Жұмыс күнін ауыстыру дұрыс емес",
    },
    # --- results (registry.issuing.retry; qaqpa results retry) ---
    "result_not_found": {
        "en": "The result does not exist",
        "ru": "Результат не найден",
        "kk": "Нәтиже табылмады",
    },
    "retry_refused": {
        "en": "The result cannot be retried",
        "ru": "Повторить выпуск результата нельзя",
        "kk": "Нәтижені қайта шығару мүмкін емес",
    },
    # --- signing with the officer's key (registry.issuing.sessions; gateway.officers) ---
    "signing_session_not_found": {
        "en": "The signing session does not exist or has expired",
        "ru": "Сеанс подписания не найден или истёк",
        "kk": "Қол қою сеансы табылмады немесе мерзімі өтті",
    },
    "result_not_signable": {
        "en": "The result cannot be signed by this officer now",
        "ru": "Этот сотрудник сейчас не может подписать результат",
        "kk": "Бұл қызметкер нәтижеге қазір қол қоя алмайды",
    },
    "result_not_returnable": {
        "en": "The result cannot be returned for rework",
        "ru": "Результат нельзя вернуть на доработку",
        "kk": "Нәтижені пысықтауға қайтару мүмкін емес",
    },
    "signer_certificate_mismatch": {
        "en": "The signature's certificate is not the one of the officer's account",
        "ru": "Сертификат подписи не принадлежит учётной записи сотрудника",
        "kk": "Қолтаңба сертификаты қызметкердің есептік жазбасына тиесілі емес",
    },
    "signer_certificate_revoked": {
        "en": "The signer's certificate is revoked",
        "ru": "Сертификат подписывающего отозван",
        "kk": "Қол қоюшының сертификаты кері қайтарылған",
    },
    "signer_certificate_invalid": {
        "en": "The signer's certificate is not valid for signing",
        "ru": "Сертификат подписывающего недействителен для подписи",
        "kk": "Қол қоюшының сертификаты қол қою үшін жарамсыз",
    },
    "officer_signature_invalid": {
        "en": "The signature does not verify or covers another document",
        "ru": "Подпись не проходит проверку или относится к другому документу",
        "kk": "Қолтаңба тексерілмейді немесе басқа құжатқа қатысты",
    },
    "signer_key_missing": {
        "en": "The deployment holds no signing key for this signer",
        "ru": "Для этого подписывающего нет ключа подписи на сервере",
        "kk": "Серверде бұл қол қоюшының қол қою кілті жоқ",
    },
    "eds_signature_required": {
        "en": "Sign the result with your own EDS key (a signing session)",
        "ru": "Подпишите результат своим ключом ЭЦП (сеанс подписания)",
        "kk": "Нәтижеге өз ЭЦҚ кілтіңізбен қол қойыңыз (қол қою сеансы)",
    },
    "officer_signing_disabled": {
        "en": "This deployment signs results with server-held keys",
        "ru": "В этой установке результаты подписываются ключами на сервере",
        "kk": "Бұл орнатуда нәтижелерге сервердегі кілттермен қол қойылады",
    },
    "signing_unavailable": {
        "en": "The timestamp or revocation services are unavailable; try again",
        "ru": "Службы меток времени или отзыва недоступны; повторите попытку",
        "kk": "Уақыт белгісі немесе кері қайтару қызметтері қолжетімсіз; қайталаңыз",
    },
    # --- officers' accounts (registry.officers; qaqpa officers create) ---
    "invalid_officer": {
        "en": "The officer's account is not valid",
        "ru": "Учётная запись сотрудника некорректна",
        "kk": "Қызметкердің есептік жазбасы дұрыс емес",
    },
    "invalid_scope": {
        "en": "The officer's services or offices are not valid",
        "ru": "Услуги или подразделения сотрудника указаны некорректно",
        "kk": "Қызметкердің қызметтері немесе бөлімшелері дұрыс көрсетілмеген",
    },
    # --- officers' EDS login and console sessions (gateway.officers.eds, gateway.console) ---
    "eds_signature_malformed": {
        "en": "The login signature is not a readable CMS over the nonce",
        "ru": "Подпись входа не является читаемым CMS над одноразовым кодом",
        "kk": "Кіру қолтаңбасы бір реттік кодқа қойылған оқылатын CMS емес",
    },
    "eds_challenge_invalid": {
        "en": "The login nonce is unknown, expired or already used",
        "ru": "Одноразовый код входа неизвестен, истёк или уже использован",
        "kk": "Кірудің бір реттік коды белгісіз, мерзімі өткен немесе қолданылған",
    },
    "eds_certificate_invalid": {
        "en": "The certificate is not valid (untrusted, expired, revoked or the signature fails)",
        "ru": "Сертификат недействителен (недоверенный, истёк, отозван или подпись неверна)",
        "kk": "Сертификат жарамсыз (сенімсіз, мерзімі өткен, кері қайтарылған не қолтаңба қате)",
    },
    "eds_certificate_not_for_auth": {
        "en": "This certificate is not an authentication certificate",
        "ru": "Этот сертификат не предназначен для аутентификации",
        "kk": "Бұл сертификат аутентификацияға арналмаған",
    },
    "officer_not_registered": {
        "en": "No active officer account holds this certificate's IIN",
        "ru": "Нет активной учётной записи сотрудника с ИИН этого сертификата",
        "kk": "Осы сертификаттың ЖСН-і бар белсенді қызметкер есептік жазбасы жоқ",
    },
    "officer_role_required": {
        "en": "This person has several officer accounts: choose the role to log in with",
        "ru": "У этого лица несколько учётных записей: выберите роль для входа",
        "kk": "Бұл тұлғаның бірнеше есептік жазбасы бар: кіру үшін рөлді таңдаңыз",
    },
    "no_result_document": {
        "en": "This action produces no result document to preview",
        "ru": "Это действие не создаёт документа результата для просмотра",
        "kk": "Бұл әрекет қарап шығуға арналған нәтиже құжатын жасамайды",
    },
    "draft_unrenderable": {
        "en": "The draft result could not be rendered",
        "ru": "Не удалось сформировать проект результата",
        "kk": "Нәтиже жобасын жасау мүмкін болмады",
    },
    "attachment_not_found": {
        "en": "The attachment does not exist",
        "ru": "Вложение не найдено",
        "kk": "Қосымша табылмады",
    },
    "officer_not_found": {
        "en": "No such officer in your unit",
        "ru": "В вашем подразделении нет такого сотрудника",
        "kk": "Сіздің бөлімшеңізде мұндай қызметкер жоқ",
    },
    "csrf_failed": {
        "en": "The console's CSRF token is missing or wrong",
        "ru": "CSRF-токен консоли отсутствует или неверен",
        "kk": "Консольдің CSRF токені жоқ немесе қате",
    },
    "officer_certificate_unreadable": {
        "en": "The uploaded file is not a readable certificate with an IIN",
        "ru": "Загруженный файл не является читаемым сертификатом с ИИН",
        "kk": "Жүктелген файл ЖСН-і бар оқылатын сертификат емес",
    },
}
# code -> a sentence for ``detail`` by language: what went wrong and what to do about it. The
# response carries it in the negotiated language; in English a raise site's own, more specific
# detail takes its place. ``tests/gateway/test_problem_codes.py`` walks TITLES and fails on a
# code without all three.
DETAILS: dict[str, dict[Language, str]] = {
    "application_not_found": {
        "en": "No application with this id exists for you; check the id in the status URL.",
        "ru": "Заявки с таким идентификатором нет; проверьте идентификатор в адресе статуса.",
        "kk": (
            "Мұндай идентификаторы бар өтінім жоқ; мәртебе мекенжайындағы идентификаторды "
            "тексеріңіз."
        ),
    },
    "invalid_transition": {
        "en": (
            "The application's current status does not allow this action; see the allowed actions."
        ),
        "ru": "Текущий статус заявки не допускает это действие; см. список допустимых действий.",
        "kk": (
            "Өтінімнің ағымдағы мәртебесі бұл әрекетке жол бермейді; рұқсат етілген әрекеттерді "
            "қараңыз."
        ),
    },
    "role_not_allowed": {
        "en": "This action belongs to another officer role; ask an officer who holds it.",
        "ru": (
            "Это действие относится к другой роли сотрудника; обратитесь к сотруднику с этой ролью."
        ),
        "kk": "Бұл әрекет қызметкердің басқа рөліне тиесілі; сол рөлі бар қызметкерге жүгініңіз.",
    },
    "document_unreadable": {
        "en": "Send the issued PDF or XML document exactly as it was downloaded.",
        "ru": "Отправьте выданный PDF- или XML-документ в том виде, в каком он был скачан.",
        "kk": "Берілген PDF немесе XML құжатын жүктелген күйінде жіберіңіз.",
    },
    "task_not_found": {
        "en": "The task is closed or does not exist; reload the worklist.",
        "ru": "Задача закрыта или не существует; обновите список задач.",
        "kk": "Тапсырма жабылған немесе жоқ; тапсырмалар тізімін жаңартыңыз.",
    },
    "task_assigned_elsewhere": {
        "en": "Another officer holds this task; only they may decide it.",
        "ru": "Задачу выполняет другой сотрудник; решение принимает только он.",
        "kk": "Тапсырманы басқа қызметкер орындайды; шешімді тек сол қабылдайды.",
    },
    "four_eyes": {
        "en": "The officer who prepared the result cannot sign it; another signer must approve.",
        "ru": "Сотрудник, подготовивший результат, не может его подписать; нужен другой подписант.",
        "kk": "Нәтижені дайындаған қызметкер оған қол қоя алмайды; басқа қол қоюшы қажет.",
    },
    "invalid_decision": {
        "en": "Fill in every field the decision needs (grounds for a refusal) and send it again.",
        "ru": "Заполните все поля решения (основания для отказа) и отправьте снова.",
        "kk": "Шешімнің барлық өрістерін (бас тарту негіздерін) толтырып, қайта жіберіңіз.",
    },
    "agency_request_not_found": {
        "en": "No such request to your agency exists.",
        "ru": "Такого запроса в ваш орган нет.",
        "kk": "Сіздің органға мұндай сұрау салу жоқ.",
    },
    "agency_request_answered": {
        "en": "This request has an answer already; it cannot be answered twice.",
        "ru": "На этот запрос уже ответили; повторный ответ невозможен.",
        "kk": "Бұл сұрау салуға жауап берілген; қайта жауап беруге болмайды.",
    },
    "guarantee_not_confirmed": {
        "en": "Record the importing country's guarantee before approving the permit.",
        "ru": "Зарегистрируйте гарантийное обязательство страны-импортёра до одобрения разрешения.",
        "kk": "Рұқсатты мақұлдамас бұрын импорттаушы елдің кепілдік міндеттемесін тіркеңіз.",
    },
    "negative_agency_answer": {
        "en": "An export-control agency refused; the permit can only be refused.",
        "ru": "Орган экспортного контроля отказал; в разрешении можно только отказать.",
        "kk": "Экспорттық бақылау органы бас тартты; рұқсат беруден тек бас тартуға болады.",
    },
    "complaint_not_found": {
        "en": "No complaint with this id exists for you.",
        "ru": "Жалобы с таким идентификатором нет.",
        "kk": "Мұндай идентификаторы бар шағым жоқ.",
    },
    "application_not_registered": {
        "en": "A complaint can be filed once the application is registered.",
        "ru": "Жалобу можно подать после регистрации заявки.",
        "kk": "Шағымды өтінім тіркелгеннен кейін беруге болады.",
    },
    "complaint_already_decided": {
        "en": "The complaint has a decision already; it cannot be decided again.",
        "ru": "По жалобе уже есть решение; повторное решение невозможно.",
        "kk": "Шағым бойынша шешім бар; қайта шешім қабылдауға болмайды.",
    },
    "complaint_settle_term_expired": {
        "en": (
            "The term to settle by granting the request is over; decide the complaint on its "
            "merits."
        ),
        "ru": "Срок урегулирования истёк; рассмотрите жалобу по существу.",
        "kk": "Реттеу мерзімі өтті; шағымды мәні бойынша қараңыз.",
    },
    "complaint_not_decided": {
        "en": "Decide the complaint before this step.",
        "ru": "Сначала примите решение по жалобе.",
        "kk": "Алдымен шағым бойынша шешім қабылдаңыз.",
    },
    "complaint_decision_already_approved": {
        "en": "The decision is approved for signature already; nothing more to approve.",
        "ru": "Решение уже одобрено к подписанию; одобрять больше нечего.",
        "kk": "Шешім қол қоюға бекітілген; басқа бекітетін ештеңе жоқ.",
    },
    "workflow_error": {
        "en": "The workflow action failed; reload the application and try again.",
        "ru": "Действие процесса не выполнено; обновите заявку и повторите.",
        "kk": "Процесс әрекеті орындалмады; өтінімді жаңартып, қайталаңыз.",
    },
    "bad_request": {
        "en": "The request cannot be read; check its syntax against the API documentation (/docs).",
        "ru": "Запрос не читается; сверьте его синтаксис с документацией API (/docs).",
        "kk": "Сұрау оқылмайды; оның синтаксисін API құжаттамасымен (/docs) салыстырыңыз.",
    },
    "validation_error": {
        "en": "Some fields are not valid; each is listed under errors with where it is.",
        "ru": "Некоторые поля некорректны; каждое указано в errors с его расположением.",
        "kk": "Кейбір өрістер дұрыс емес; әрқайсысы орнымен бірге errors ішінде көрсетілген.",
    },
    "unauthorized": {
        "en": "Send your API key in the Authorization header: Bearer <key>.",
        "ru": "Передайте API-ключ в заголовке Authorization: Bearer <ключ>.",
        "kk": "API кілтін Authorization тақырыбында жіберіңіз: Bearer <кілт>.",
    },
    "forbidden": {
        "en": "Your key or account lacks the right for this request; ask your administrator.",
        "ru": (
            "У вашего ключа или учётной записи нет права на этот запрос; обратитесь к "
            "администратору."
        ),
        "kk": "Кілтіңізде немесе есептік жазбаңызда бұл сұрауға құқық жоқ; әкімшіге жүгініңіз.",
    },
    "not_found": {
        "en": "Nothing exists at this address; check the path and the id.",
        "ru": "По этому адресу ничего нет; проверьте путь и идентификатор.",
        "kk": "Бұл мекенжайда ештеңе жоқ; жолды және идентификаторды тексеріңіз.",
    },
    "method_not_allowed": {
        "en": "This address does not take this HTTP method; see /docs for the ones it takes.",
        "ru": "Этот адрес не принимает данный HTTP-метод; допустимые методы см. в /docs.",
        "kk": (
            "Бұл мекенжай осы HTTP әдісін қабылдамайды; рұқсат етілген әдістерді /docs бетінен "
            "қараңыз."
        ),
    },
    "conflict": {
        "en": "The resource changed in the meantime; reload it and try again.",
        "ru": "Ресурс изменился; обновите его и повторите.",
        "kk": "Ресурс өзгерді; оны жаңартып, қайталаңыз.",
    },
    "payload_too_large": {
        "en": "The request body is larger than this gateway accepts; send a smaller one.",
        "ru": "Тело запроса больше допустимого; отправьте меньший объём.",
        "kk": "Сұрау денесі рұқсат етілгеннен үлкен; кішірек көлем жіберіңіз.",
    },
    "unsupported_media_type": {
        "en": "Send the body with Content-Type: application/json.",
        "ru": "Отправьте тело с заголовком Content-Type: application/json.",
        "kk": "Денені Content-Type: application/json тақырыбымен жіберіңіз.",
    },
    "rate_limited": {
        "en": "You sent too many requests; wait the seconds in Retry-After, then retry.",
        "ru": "Слишком много запросов; подождите указанное в Retry-After число секунд и повторите.",
        "kk": "Сұраулар тым көп; Retry-After ішіндегі секунд күтіп, қайталаңыз.",
    },
    "too_many_streams": {
        "en": "Close one of your open event streams, then open this one again.",
        "ru": "Закройте один из открытых потоков событий и откройте этот снова.",
        "kk": "Ашық оқиға ағындарының бірін жауып, осыны қайта ашыңыз.",
    },
    "internal_error": {
        "en": "Something failed on our side; it is logged. Retry later and quote the request_id.",
        "ru": "Сбой на нашей стороне, он записан в журнал. Повторите позже и укажите request_id.",
        "kk": (
            "Біздің жақта ақау болды, ол журналға жазылды. Кейінірек қайталап, request_id "
            "көрсетіңіз."
        ),
    },
    "not_ready": {
        "en": "A dependency of the service is unreachable; see checks and retry later.",
        "ru": "Зависимость сервиса недоступна; см. checks и повторите позже.",
        "kk": "Сервистің тәуелділігі қолжетімсіз; checks қарап, кейінірек қайталаңыз.",
    },
    "service_unavailable": {
        "en": "The service is briefly unavailable; retry later.",
        "ru": "Сервис временно недоступен; повторите позже.",
        "kk": "Сервис уақытша қолжетімсіз; кейінірек қайталаңыз.",
    },
    "dependency_unavailable": {
        "en": "A database the gateway needs is briefly away; retry after the Retry-After seconds.",
        "ru": "База данных шлюза временно недоступна; повторите через Retry-After секунд.",
        "kk": "Шлюздің дерекқоры уақытша қолжетімсіз; Retry-After секундтан кейін қайталаңыз.",
    },
    "unknown_service": {
        "en": "No service has this code; GET /v1/services lists the codes.",
        "ru": "Услуги с таким кодом нет; список кодов — GET /v1/services.",
        "kk": "Мұндай кодты қызмет жоқ; кодтар тізімі — GET /v1/services.",
    },
    "applicant_mismatch": {
        "en": "An individual (IIN) signs with their own key, a legal entity (BIN) with its key.",
        "ru": (
            "Физическое лицо (ИИН) подписывает своим ключом, юридическое (БИН) — ключом "
            "организации."
        ),
        "kk": "Жеке тұлға (ЖСН) өз кілтімен, заңды тұлға (БСН) ұйымның кілтімен қол қояды.",
    },
    "no_signing_authority": {
        "en": "Sign with the key of the first head or a person entitled to sign for the entity.",
        "ru": "Подпишите ключом первого руководителя или лица с правом подписи.",
        "kk": "Бірінші басшының немесе қол қою құқығы бар адамның кілтімен қол қойыңыз.",
    },
    "xml_mixed_content": {
        "en": "Put only the application's JSON text inside <document>: no comments or elements.",
        "ru": "В <document> поместите только текст JSON заявки, без комментариев и элементов.",
        "kk": (
            "<document> ішіне тек өтінімнің JSON мәтінін салыңыз, түсініктемесіз және элементсіз."
        ),
    },
    "idempotency_conflict": {
        "en": "Use a new Idempotency-Key for a different request body.",
        "ru": "Для другого тела запроса используйте новый Idempotency-Key.",
        "kk": "Басқа сұрау денесі үшін жаңа Idempotency-Key қолданыңыз.",
    },
    "officer_unauthenticated": {
        "en": "Log in with your EDS and send the officer's access token.",
        "ru": "Войдите с ЭЦП и передайте токен доступа сотрудника.",
        "kk": "ЭЦҚ арқылы кіріп, қызметкердің қол жеткізу токенін жіберіңіз.",
    },
    "officer_forbidden": {
        "en": "Your officer role does not allow this; ask an officer who holds the right role.",
        "ru": "Ваша роль не позволяет это; обратитесь к сотруднику с нужной ролью.",
        "kk": "Рөліңіз бұған жол бермейді; қажетті рөлі бар қызметкерге жүгініңіз.",
    },
    "malformed": {
        "en": (
            "The signature cannot be read: sign again with NCALayer and send the CMS or XML "
            "unchanged."
        ),
        "ru": (
            "Подпись не читается: подпишите заново в NCALayer и отправьте CMS или XML без "
            "изменений."
        ),
        "kk": (
            "Қолтаңба оқылмайды: NCALayer арқылы қайта қол қойып, CMS не XML-ді өзгертпей "
            "жіберіңіз."
        ),
    },
    "unsupported_algorithm": {
        "en": "Sign with RSA, ECDSA or GOST (NCA keys) and a SHA-2 or GOST digest.",
        "ru": "Подпишите RSA, ECDSA или ГОСТ (ключи НУЦ) с хешем SHA-2 или ГОСТ.",
        "kk": "RSA, ECDSA немесе ГОСТ (ҰКО кілттері) және SHA-2 не ГОСТ хешімен қол қойыңыз.",
    },
    "weak_algorithm": {
        "en": "The signature uses SHA-1 or a short key; sign again with a current NCA key.",
        "ru": "Подпись использует SHA-1 или короткий ключ; подпишите действующим ключом НУЦ.",
        "kk": (
            "Қолтаңба SHA-1 немесе қысқа кілтті қолданады; ҰКО-ның қолданыстағы кілтімен қол "
            "қойыңыз."
        ),
    },
    "untrusted": {
        "en": "The certificate is not issued by NCA of Kazakhstan; sign with an NCA key.",
        "ru": "Сертификат выдан не НУЦ РК; подпишите ключом НУЦ.",
        "kk": "Сертификатты ҚР ҰКО бермеген; ҰКО кілтімен қол қойыңыз.",
    },
    "expired": {
        "en": "The signing certificate has expired; renew it at NCA and sign again.",
        "ru": "Срок сертификата истёк; перевыпустите его в НУЦ и подпишите снова.",
        "kk": "Сертификаттың мерзімі өтті; оны ҰКО-да қайта шығарып, қайта қол қойыңыз.",
    },
    "not_yet_valid": {
        "en": "The signing certificate is not valid yet; sign again once it is.",
        "ru": "Сертификат ещё не действует; подпишите, когда он вступит в силу.",
        "kk": "Сертификат әлі күшіне енбеген; күшіне енгенде қол қойыңыз.",
    },
    "revoked": {
        "en": "The signing certificate is revoked; get a new one at NCA and sign again.",
        "ru": "Сертификат отозван; получите новый в НУЦ и подпишите снова.",
        "kk": "Сертификат кері қайтарылған; ҰКО-дан жаңасын алып, қайта қол қойыңыз.",
    },
    "revocation_unknown": {
        "en": "The certificate's revocation status cannot be checked now; retry in a few minutes.",
        "ru": "Статус отзыва сертификата сейчас не проверить; повторите через несколько минут.",
        "kk": (
            "Сертификаттың кері қайтарылу мәртебесін қазір тексеру мүмкін емес; бірнеше минуттан "
            "кейін қайталаңыз."
        ),
    },
    "signature_invalid": {
        "en": (
            "The document was changed after it was signed, or the signature belongs to another "
            "one; sign the exact bytes you send."
        ),
        "ru": (
            "Документ изменён после подписания или подпись относится к другому; подпишите именно "
            "отправляемые байты."
        ),
        "kk": (
            "Құжат қол қойылғаннан кейін өзгертілген немесе қолтаңба басқа құжатқа тиесілі; дәл "
            "жіберілетін байттарға қол қойыңыз."
        ),
    },
    "wrong_key_usage": {
        "en": "This is an authentication key (AUTH); sign with the signing key (RSA/GOST signing).",
        "ru": "Это ключ аутентификации (AUTH); подпишите ключом для подписи.",
        "kk": "Бұл аутентификация кілті (AUTH); қол қою кілтімен қол қойыңыз.",
    },
    "invalid_iin": {
        "en": "The IIN's check digit is wrong; check the 12 digits.",
        "ru": "Неверная контрольная цифра ИИН; проверьте 12 цифр.",
        "kk": "ЖСН-нің бақылау цифры қате; 12 цифрды тексеріңіз.",
    },
    "invalid_bin": {
        "en": "The BIN's check digit is wrong; check the 12 digits.",
        "ru": "Неверная контрольная цифра БИН; проверьте 12 цифр.",
        "kk": "БСН-нің бақылау цифры қате; 12 цифрды тексеріңіз.",
    },
    "iin_mismatch": {
        "en": "The applicant's IIN must be the one in the signer's certificate.",
        "ru": "ИИН заявителя должен совпадать с ИИН в сертификате подписанта.",
        "kk": "Өтініш берушінің ЖСН-і қол қоюшы сертификатындағы ЖСН-мен сәйкес болуы керек.",
    },
    "bin_mismatch": {
        "en": "The applicant's BIN must be the one in the signer's certificate.",
        "ru": "БИН заявителя должен совпадать с БИН в сертификате подписанта.",
        "kk": "Өтініш берушінің БСН-і қол қоюшы сертификатындағы БСН-мен сәйкес болуы керек.",
    },
    "exam_session_not_found": {
        "en": "No exam session has this id; list the published sessions.",
        "ru": "Экзаменационной сессии с таким идентификатором нет; см. список опубликованных.",
        "kk": "Мұндай емтихан сессиясы жоқ; жарияланғандар тізімін қараңыз.",
    },
    "exam_session_invalid": {
        "en": "Fix the session's date, place and seats, then publish it.",
        "ru": "Исправьте дату, место и число мест сессии, затем опубликуйте.",
        "kk": "Сессияның күнін, орнын және орын санын түзетіп, жариялаңыз.",
    },
    "exam_session_full": {
        "en": "Every seat is taken; choose another session.",
        "ru": "Все места заняты; выберите другую сессию.",
        "kk": "Барлық орын бос емес; басқа сессияны таңдаңыз.",
    },
    "exam_session_closed": {
        "en": "The session has started or is over; choose a later one.",
        "ru": "Сессия началась или завершена; выберите более позднюю.",
        "kk": "Сессия басталды немесе аяқталды; кейінгісін таңдаңыз.",
    },
    "exam_not_held": {
        "en": "Results can be recorded after the exam has taken place.",
        "ru": "Результаты вносятся после проведения экзамена.",
        "kk": "Нәтижелер емтихан өткеннен кейін енгізіледі.",
    },
    "exam_admission_not_found": {
        "en": "Admit the applicant to this session first.",
        "ru": "Сначала допустите заявителя к этой сессии.",
        "kk": "Алдымен өтініш берушіні осы сессияға жіберіңіз.",
    },
    "exam_answers_invalid": {
        "en": "Answer each of the exam's questions once, by its number.",
        "ru": "Ответьте на каждый вопрос экзамена один раз, по его номеру.",
        "kk": "Емтиханның әр сұрағына нөмірі бойынша бір рет жауап беріңіз.",
    },
    "risk_rule_invalid": {
        "en": "Fix the rule's condition and lane, then save it again.",
        "ru": "Исправьте условие и коридор правила и сохраните снова.",
        "kk": "Ереженің шартын және дәлізін түзетіп, қайта сақтаңыз.",
    },
    "risk_rule_exists": {
        "en": "Choose another code, or change the existing rule.",
        "ru": "Выберите другой код или измените существующее правило.",
        "kk": "Басқа код таңдаңыз немесе бар ережені өзгертіңіз.",
    },
    "risk_rule_not_found": {
        "en": "No risk rule has this code.",
        "ru": "Правила риска с таким кодом нет.",
        "kk": "Мұндай кодты тәуекел ережесі жоқ.",
    },
    "risk_lane_invalid": {
        "en": "Fix the lane's share and parameters, then save again.",
        "ru": "Исправьте долю и параметры коридора и сохраните снова.",
        "kk": "Дәліздің үлесі мен параметрлерін түзетіп, қайта сақтаңыз.",
    },
    "reroute_not_allowed": {
        "en": "Ask an officer authorised to change a declaration's lane.",
        "ru": "Обратитесь к сотруднику, уполномоченному менять коридор декларации.",
        "kk": "Декларация дәлізін өзгертуге уәкілетті қызметкерге жүгініңіз.",
    },
    "reroute_invalid": {
        "en": "Name a different lane and give the grounds for the change.",
        "ru": "Укажите другой коридор и основание изменения.",
        "kk": "Басқа дәлізді және өзгерту негізін көрсетіңіз.",
    },
    "risk_selection_missing": {
        "en": "Wait until the risk assessment has chosen a lane.",
        "ru": "Дождитесь выбора коридора системой управления рисками.",
        "kk": "Тәуекелдерді басқару жүйесі дәлізді таңдағанша күтіңіз.",
    },
    "risk_change_not_found": {
        "en": "No risk configuration change has this id.",
        "ru": "Изменения настроек риска с таким идентификатором нет.",
        "kk": "Мұндай идентификаторы бар тәуекел баптауының өзгерісі жоқ.",
    },
    "risk_change_not_pending": {
        "en": "The change was applied or rejected already.",
        "ru": "Изменение уже применено или отклонено.",
        "kk": "Өзгеріс қолданылған немесе қабылданбаған.",
    },
    "payment_reference_conflict": {
        "en": "This payment reference was recorded with another account or amount; check it.",
        "ru": "Этот номер платежа записан с другим счётом или суммой; проверьте его.",
        "kk": "Бұл төлем нөмірі басқа шотпен немесе сомамен жазылған; тексеріңіз.",
    },
    "customs_account_not_found": {
        "en": "A personal account number is the payer's 12-digit BIN or IIN; check it.",
        "ru": "Номер лицевого счёта — 12-значный БИН или ИИН плательщика; проверьте его.",
        "kk": "Дербес шот нөмірі — төлеушінің 12 таңбалы БСН-і немесе ЖСН-і; тексеріңіз.",
    },
    "payment_reference_taken": {
        "en": "Another payment partner recorded this reference; use your own.",
        "ru": "Этот номер записал другой платёжный партнёр; используйте свой.",
        "kk": "Бұл нөмірді басқа төлем серіктесі жазған; өзіңіздікін қолданыңыз.",
    },
    "warehouse_not_named": {
        "en": "Only the warehouse the declaration names may record goods for it.",
        "ru": "Сведения о товарах вносит только склад, указанный в декларации.",
        "kk": "Тауарлар туралы мәліметті тек декларацияда аталған қойма енгізеді.",
    },
    "preference_exists": {
        "en": "The classifier has this code already; change the existing entry.",
        "ru": "Такой код уже есть в классификаторе; измените существующую запись.",
        "kk": "Бұл код жіктеуіште бар; бар жазбаны өзгертіңіз.",
    },
    "calendar_error": {
        "en": "Check the dates and times you sent against the calendar's rules.",
        "ru": "Проверьте отправленные даты и время по правилам календаря.",
        "kk": "Жіберілген күндер мен уақытты күнтізбе ережелерімен тексеріңіз.",
    },
    "invalid_term": {
        "en": "A term is a positive number of working days, calendar days or hours.",
        "ru": "Срок — положительное число рабочих дней, календарных дней или часов.",
        "kk": "Мерзім — жұмыс күндерінің, күнтізбелік күндердің немесе сағаттардың оң саны.",
    },
    "invalid_time": {
        "en": "Write the time as ISO 8601 with its offset, e.g. 2026-12-04T09:00:00+05:00.",
        "ru": "Укажите время в ISO 8601 со смещением, например 2026-12-04T09:00:00+05:00.",
        "kk": "Уақытты ығысуымен ISO 8601 түрінде жазыңыз, мысалы 2026-12-04T09:00:00+05:00.",
    },
    "invalid_pause": {
        "en": "A pause ends after it starts and overlaps no other pause.",
        "ru": "Приостановка заканчивается после начала и не пересекается с другими.",
        "kk": "Тоқтата тұру басталғаннан кейін аяқталады және басқаларымен қиылыспайды.",
    },
    "invalid_transfer": {
        "en": "A working day moves from a working date to a day off, both in the same year.",
        "ru": "Рабочий день переносится с рабочей даты на выходной в пределах одного года.",
        "kk": "Жұмыс күні бір жыл ішінде жұмыс күнінен демалыс күніне ауыстырылады.",
    },
    "result_not_found": {
        "en": "No result has this id.",
        "ru": "Результата с таким идентификатором нет.",
        "kk": "Мұндай идентификаторы бар нәтиже жоқ.",
    },
    "retry_refused": {
        "en": "Only a result whose signing failed can be retried.",
        "ru": "Повторить можно только результат, подписание которого не удалось.",
        "kk": "Тек қол қою сәтсіз болған нәтижені қайталауға болады.",
    },
    "signing_session_not_found": {
        "en": "The signing session expired or does not exist; start a new one.",
        "ru": "Сеанс подписания истёк или не существует; начните новый.",
        "kk": "Қол қою сеансы аяқталды немесе жоқ; жаңасын бастаңыз.",
    },
    "result_not_signable": {
        "en": "The result is not awaiting your signature now; reload it.",
        "ru": "Результат сейчас не ожидает вашей подписи; обновите его.",
        "kk": "Нәтиже қазір сіздің қолыңызды күтпейді; жаңартыңыз.",
    },
    "signer_certificate_mismatch": {
        "en": "Sign with the certificate registered on your officer account.",
        "ru": "Подпишите сертификатом, зарегистрированным в вашей учётной записи.",
        "kk": "Есептік жазбаңызда тіркелген сертификатпен қол қойыңыз.",
    },
    "signer_certificate_revoked": {
        "en": "Your signing certificate is revoked; register a new one.",
        "ru": "Ваш сертификат отозван; зарегистрируйте новый.",
        "kk": "Сертификатыңыз кері қайтарылған; жаңасын тіркеңіз.",
    },
    "signer_certificate_invalid": {
        "en": "Your certificate is not valid for signing now; use a valid signing certificate.",
        "ru": "Ваш сертификат сейчас недействителен для подписи; используйте действующий.",
        "kk": "Сертификатыңыз қазір қол қоюға жарамсыз; жарамдысын қолданыңыз.",
    },
    "officer_signature_invalid": {
        "en": "Sign exactly the document of this session, with your own key.",
        "ru": "Подпишите именно документ этого сеанса своим ключом.",
        "kk": "Дәл осы сеанстың құжатына өз кілтіңізбен қол қойыңыз.",
    },
    "signer_key_missing": {
        "en": "Ask the administrator to add this signer's key to the key store.",
        "ru": "Попросите администратора добавить ключ подписанта в хранилище.",
        "kk": "Әкімшіден қол қоюшы кілтін қоймаға қосуды сұраңыз.",
    },
    "eds_signature_required": {
        "en": "Open a signing session and sign the result with your own EDS key.",
        "ru": "Откройте сеанс подписания и подпишите результат своей ЭЦП.",
        "kk": "Қол қою сеансын ашып, нәтижеге өз ЭЦҚ-ңызбен қол қойыңыз.",
    },
    "officer_signing_disabled": {
        "en": "Approve the result; the server signs it with the key it holds.",
        "ru": "Одобрите результат; сервер подпишет его хранимым ключом.",
        "kk": "Нәтижені мақұлдаңыз; сервер оған сақталған кілтпен қол қояды.",
    },
    "signing_unavailable": {
        "en": "The timestamp or revocation service is away; try again in a few minutes.",
        "ru": "Служба штампа времени или отзыва недоступна; повторите через несколько минут.",
        "kk": (
            "Уақыт белгісі немесе кері қайтару қызметі қолжетімсіз; бірнеше минуттан кейін "
            "қайталаңыз."
        ),
    },
    "invalid_officer": {
        "en": "Fix the officer's name, role and certificate, then save again.",
        "ru": "Исправьте ФИО, роль и сертификат сотрудника и сохраните снова.",
        "kk": "Қызметкердің аты-жөнін, рөлін және сертификатын түзетіп, қайта сақтаңыз.",
    },
    "invalid_scope": {
        "en": "Choose services and offices within your own unit.",
        "ru": "Выберите услуги и подразделения в пределах вашего подразделения.",
        "kk": "Өз бөлімшеңіз шегіндегі қызметтер мен бөлімдерді таңдаңыз.",
    },
    "eds_signature_malformed": {
        "en": "Sign the login nonce with NCALayer and send the CMS as it comes.",
        "ru": "Подпишите одноразовый код входа в NCALayer и отправьте CMS как есть.",
        "kk": "Кіру кодына NCALayer арқылы қол қойып, CMS-ті өзгертпей жіберіңіз.",
    },
    "eds_challenge_invalid": {
        "en": "Ask GET /v1/officer/auth/challenge for a new nonce and sign it.",
        "ru": "Запросите новый код через GET /v1/officer/auth/challenge и подпишите его.",
        "kk": "GET /v1/officer/auth/challenge арқылы жаңа код сұрап, оған қол қойыңыз.",
    },
    "eds_certificate_invalid": {
        "en": "Log in with a valid NCA authentication certificate.",
        "ru": "Войдите с действующим сертификатом аутентификации НУЦ.",
        "kk": "ҰКО-ның жарамды аутентификация сертификатымен кіріңіз.",
    },
    "eds_certificate_not_for_auth": {
        "en": "Log in with your AUTH key, not the signing key.",
        "ru": "Входите ключом AUTH, а не ключом подписи.",
        "kk": "Қол қою кілтімен емес, AUTH кілтімен кіріңіз.",
    },
    "officer_not_registered": {
        "en": "Ask your unit's administrator to create your officer account.",
        "ru": "Попросите администратора подразделения создать вашу учётную запись.",
        "kk": "Бөлімше әкімшісінен есептік жазбаңызды ашуды сұраңыз.",
    },
    "officer_role_required": {
        "en": "Send the role you log in with; your accounts are listed in roles.",
        "ru": "Укажите роль для входа; ваши учётные записи перечислены в roles.",
        "kk": "Кіру рөлін көрсетіңіз; есептік жазбаларыңыз roles ішінде берілген.",
    },
    "no_result_document": {
        "en": "Only an action that issues a result has a preview.",
        "ru": "Предпросмотр есть только у действия, выпускающего результат.",
        "kk": "Алдын ала қарау тек нәтиже шығаратын әрекетте бар.",
    },
    "draft_unrenderable": {
        "en": "The draft could not be rendered; it is logged. Try again later.",
        "ru": "Черновик не удалось сформировать; это записано в журнал. Повторите позже.",
        "kk": "Жобаны жасау мүмкін болмады; журналға жазылды. Кейінірек қайталаңыз.",
    },
    "attachment_not_found": {
        "en": "The application has no attachment with this id.",
        "ru": "У заявки нет вложения с таким идентификатором.",
        "kk": "Өтінімде мұндай идентификаторы бар тіркеме жоқ.",
    },
    "officer_not_found": {
        "en": "No officer with this id works in your unit.",
        "ru": "Сотрудника с таким идентификатором в вашем подразделении нет.",
        "kk": "Бөлімшеңізде мұндай идентификаторы бар қызметкер жоқ.",
    },
    "csrf_failed": {
        "en": "Reload the console page and submit the form again.",
        "ru": "Обновите страницу консоли и отправьте форму снова.",
        "kk": "Консоль бетін жаңартып, форманы қайта жіберіңіз.",
    },
    "officer_certificate_unreadable": {
        "en": "Upload the officer's certificate as a PEM or DER file that holds an IIN.",
        "ru": "Загрузите сертификат сотрудника в формате PEM или DER с ИИН.",
        "kk": "Қызметкердің ЖСН бар сертификатын PEM немесе DER форматында жүктеңіз.",
    },
    "result_not_returnable": {
        "en": (
            "Only a result awaiting its signature can be returned, by an officer who may sign it "
            "and did not decide it."
        ),
        "ru": (
            "Вернуть можно только результат, ожидающий подписи, и только сотрудник, который "
            "вправе его подписать и не принимал решение."
        ),
        "kk": (
            "Қол қоюды күтіп тұрған нәтижені ғана, оған қол қоюға құқылы және шешім қабылдамаған "
            "қызметкер ғана қайтара алады."
        ),
    },
    "transfer_proposal_not_found": {
        "en": "No calendar transfer proposal has this id; list the open proposals first.",
        "ru": "Предложения о переносе дня с таким идентификатором нет; сначала получите список.",
        "kk": "Мұндай идентификаторы бар күнді ауыстыру ұсынысы жоқ; алдымен тізімін алыңыз.",
    },
    "transfer_proposal_already_confirmed": {
        "en": "This proposal is confirmed already; the calendar has changed by it.",
        "ru": "Это предложение уже подтверждено; календарь по нему уже изменён.",
        "kk": "Бұл ұсыныс бұрын расталған; күнтізбе ол бойынша өзгертілген.",
    },
    "webhook_not_found": {
        "en": "You have no webhook endpoint with this id; list your endpoints first.",
        "ru": "У вас нет конечной точки веб-хука с таким идентификатором; сначала получите список.",
        "kk": "Сізде мұндай идентификаторы бар веб-хук нүктесі жоқ; алдымен тізімін алыңыз.",
    },
    "webhook_delivery_not_found": {
        "en": "This endpoint has no delivery with this id.",
        "ru": "У этой конечной точки нет доставки с таким идентификатором.",
        "kk": "Бұл нүктеде мұндай идентификаторы бар жеткізілім жоқ.",
    },
    "webhook_url_refused": {
        "en": (
            "Give an https URL of a public host; private, loopback and link-local addresses are "
            "refused."
        ),
        "ru": (
            "Укажите https-адрес публичного узла; частные, локальные и link-local адреса не "
            "принимаются."
        ),
        "kk": (
            "Жария түйіннің https мекенжайын көрсетіңіз; жеке, жергілікті және link-local "
            "мекенжайлар қабылданбайды."
        ),
    },
    "webhook_event_unknown": {
        "en": "Name event types from the list in the API documentation of webhooks.",
        "ru": "Указывайте типы событий из списка в документации API о веб-хуках.",
        "kk": "Оқиға түрлерін веб-хуктар туралы API құжаттамасындағы тізімнен көрсетіңіз.",
    },
}
