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
