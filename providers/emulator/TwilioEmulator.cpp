#include "providers/emulator/TwilioEmulator.h"

#include "providers/FormEncoding.h"
#include "providers/ProviderLogging.h"
#include "providers/twilio/TwilioSignature.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QLocale>
#include <QMimeDatabase>
#include <QTimer>

#include <algorithm>

namespace
{

const QString kApiVersion = QStringLiteral("2010-04-01");
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr qsizetype kMaxBodyLength = 1600;
constexpr qsizetype kMaxMediaUrls = 10;

// A 2x2 green PNG and JPEG, so fetched "photos" decode as real images.
const QByteArray kPng =
    QByteArray::fromHex("89504e470d0a1a0a0000000d494844520000000200000002010300000048789f6700000003504c54"
                        "4525d3669738eb600000000c4944415408d7636060600000000400012734270a0000000049454e44"
                        "ae426082");
const QByteArray kJpeg =
    QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318"
                        "281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d"
                        "71797064785c656763ffdb0043011112121815182f1a1a2f63423842636363636363636363636363"
                        "6363636363636363636363636363636363636363636363636363636363636363636363636363ffc0"
                        "0011080002000203012200021101031101ffc4001500010100000000000000000000000000000004"
                        "ffc40014100100000000000000000000000000000000ffc400150101010000000000000000000000"
                        "0000000406ffc40014110100000000000000000000000000000000ffda000c03010002110311003f"
                        "00a800d34fffd9");

struct TwilioErrorInfo
{
    int httpStatus;
    const char* message;
};

// Codes the emulator can answer with, and Twilio's usual HTTP status for each (§1.7).
TwilioErrorInfo errorInfo(int code)
{
    switch (code) {
    case 20003:
        return {401, "Authentication Error - invalid username"};
    case 20404:
        return {404, "The requested resource was not found"};
    case 20429:
        return {429, "Too Many Requests"};
    case 20500:
        return {500, "An internal server error has occurred"};
    case 20503:
        return {503, "Service is unavailable. Please try again"};
    case 21211:
        return {400, "Invalid 'To' Phone Number"};
    case 21602:
        return {400, "Message body is required."};
    case 21603:
        return {400, "A 'From' phone number is required."};
    case 21606:
        return {400,
                "The 'From' phone number provided is not a valid message-capable Twilio phone number for this "
                "destination."};
    case 21610:
        return {400, "Attempt to send to unsubscribed recipient"};
    case 21617:
        return {400, "The concatenated message body exceeds the 1600 character limit."};
    case 21619:
        return {400, "A text message body or media urls must be specified."};
    case 21620:
        return {400, "Invalid media URL(s)"};
    case 21655:
        return {400, "The ContentSid is Invalid."};
    case 21656:
        return {400, "The ContentVariables Parameter is invalid."};
    case 63016:
        return {400,
                "Failed to send freeform message because you are outside the allowed window. If you are using "
                "WhatsApp, please use a Message Template."};
    default:
        return {400, "Unable to create record"};
    }
}

QJsonObject errorBody(int code, int httpStatus, const QString& message)
{
    return {
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), message},
        {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
        {QStringLiteral("status"), httpStatus},
    };
}

// Twilio's 401, with the detail twilio-node shows (§1.6, §13.2).
EmulatorResponse authenticationError(bool noCredentials)
{
    QJsonObject body = errorBody(20003,
                                 401,
                                 noCredentials ? QStringLiteral("Authentication Error - No credentials provided")
                                               : QStringLiteral("Authentication Error - invalid username"));
    body.insert(QStringLiteral("detail"), QStringLiteral("Your AccountSid or AuthToken was incorrect."));
    return EmulatorResponse::json(401, body);
}

EmulatorResponse twilioError(int code, const QString& message = {})
{
    const TwilioErrorInfo info = errorInfo(code);
    return EmulatorResponse::json(
        info.httpStatus,
        errorBody(code, info.httpStatus, message.isEmpty() ? QString::fromUtf8(info.message) : message));
}

QString rfc2822(const QDateTime& time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss '+0000'"));
}

bool isWhatsAppAddress(const QString& address)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^whatsapp:\+[1-9]\d{6,14}$)"));
    return pattern.match(address).hasMatch();
}

bool isValidCallbackUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
           && !url.host().isEmpty() && !url.host().contains(QLatin1Char('_'));
}

QString digitsOf(const QString& text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit()) {
            digits.append(c);
        }
    }
    return digits;
}

QString jsonString(const QJsonValue& value)
{
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 12);
    }
    return value.toString();
}

int boundedInt(const Form::Fields& query, const QString& key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = Form::value(query, key).toInt(&ok);
    return ok ? std::clamp(value, low, high) : fallback;
}

Form::Fields queryOf(const QHttpServerRequest& request)
{
    // Decoded like Twilio's servers do: '+' is a space.
    return Form::decode(request.url().query(QUrl::FullyEncoded).toUtf8());
}

QJsonObject contentItem(const QString& sid,
                        const QString& friendlyName,
                        const QString& language,
                        const QJsonObject& variables,
                        const QJsonObject& types,
                        const QString& category,
                        const QString& status,
                        const QString& rejectionReason = {})
{
    const QString contentType = types.keys().value(0);
    QJsonObject approval{
        {QStringLiteral("name"), status == QLatin1String("unsubmitted") ? QString() : friendlyName},
        {QStringLiteral("category"), category},
        {QStringLiteral("content_type"), contentType},
        {QStringLiteral("status"), status},
        {QStringLiteral("rejection_reason"), rejectionReason},
        {QStringLiteral("allow_category_change"), true},
    };
    return {
        {QStringLiteral("sid"), sid},
        {QStringLiteral("friendly_name"), friendlyName},
        {QStringLiteral("language"), language},
        {QStringLiteral("variables"), variables},
        {QStringLiteral("types"), types},
        {QStringLiteral("date_created"), QStringLiteral("2025-01-10T10:00:00Z")},
        {QStringLiteral("date_updated"), QStringLiteral("2025-01-12T08:30:00Z")},
        {QStringLiteral("approval_requests"), approval},
    };
}

QJsonObject textType(const QString& body)
{
    return {{QStringLiteral("twilio/text"), QJsonObject{{QStringLiteral("body"), body}}}};
}

} // namespace

TwilioEmulator::TwilioEmulator(EmulatorOptions options, QObject* parent)
    : EmulatorBase(std::move(options), parent)
{
    const auto sid = [](char c) -> QString {
        return QStringLiteral("HX") + QString(32, QLatin1Char(c));
    };
    // Seed order matters: with PageSize=2, appointment_reminder is on the second page.
    m_contents = {
        contentItem(
            sid('b'),
            QStringLiteral("order_update"),
            QStringLiteral("en"),
            {{QStringLiteral("1"), QStringLiteral("customer_name")}, {QStringLiteral("2"), QStringLiteral("order_id")}},
            textType(QStringLiteral("Hi {{1}}, your order {{2}} has shipped.")),
            QStringLiteral("UTILITY"),
            QStringLiteral("approved")),
        contentItem(
            sid('c'),
            QStringLiteral("summer_sale"),
            QStringLiteral("en"),
            {{QStringLiteral("1"), QStringLiteral("20%")}},
            {{QStringLiteral("twilio/media"),
              QJsonObject{{QStringLiteral("body"), QStringLiteral("Summer sale! {{1}} off everything.")},
                          {QStringLiteral("media"), QJsonArray{QStringLiteral("https://example.com/sale.jpg")}}}}},
            QStringLiteral("MARKETING"),
            QStringLiteral("pending")),
        contentItem(sid('d'),
                    QStringLiteral("appointment_reminder"),
                    QStringLiteral("en"),
                    {{QStringLiteral("1"), QStringLiteral("Ana")},
                     {QStringLiteral("2"), QStringLiteral("12 May")},
                     {QStringLiteral("3"), QStringLiteral("10:00")}},
                    {{QStringLiteral("twilio/quick-reply"),
                      QJsonObject{{QStringLiteral("body"),
                                   QStringLiteral("Hello {{1}}, your appointment is on {{2}} at {{3}}.")},
                                  {QStringLiteral("actions"),
                                   QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")},
                                                          {QStringLiteral("title"), QStringLiteral("Confirm")},
                                                          {QStringLiteral("id"), QStringLiteral("confirm")}},
                                              QJsonObject{{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")},
                                                          {QStringLiteral("title"), QStringLiteral("Reschedule")},
                                                          {QStringLiteral("id"), QStringLiteral("reschedule")}}}}}}},
                    QStringLiteral("UTILITY"),
                    QStringLiteral("approved")),
        contentItem(sid('e'),
                    QStringLiteral("order_update"),
                    QStringLiteral("pt_BR"),
                    {{QStringLiteral("1"), QStringLiteral("cliente")}, {QStringLiteral("2"), QStringLiteral("pedido")}},
                    textType(QStringLiteral("Olá {{1}}, seu pedido {{2}} foi enviado.")),
                    QStringLiteral("UTILITY"),
                    QStringLiteral("approved")),
        contentItem(sid('f'),
                    QStringLiteral("flash_promo"),
                    QStringLiteral("en"),
                    {},
                    textType(QStringLiteral("Flash promo today only!")),
                    QStringLiteral("MARKETING"),
                    QStringLiteral("rejected"),
                    QStringLiteral("Promotional content in a utility category")),
        contentItem(sid('a'),
                    QStringLiteral("draft_notice"),
                    QStringLiteral("en"),
                    {{QStringLiteral("1"), QStringLiteral("Sam")}},
                    textType(QStringLiteral("Dear {{1}}, this notice is a draft.")),
                    QString(),
                    QStringLiteral("unsubmitted")),
    };
    registerRoutes();
}

QString TwilioEmulator::invalidTestNumber()
{
    return QStringLiteral("+15005550001");
}

QString TwilioEmulator::defaultSender()
{
    return QStringLiteral("+14155238886");
}

QStringList TwilioEmulator::requestLog() const
{
    return m_requestLog;
}

QList<QByteArray> TwilioEmulator::createRequestBodies() const
{
    return m_createBodies;
}

QJsonObject TwilioEmulator::message(const QString& sid) const
{
    const auto it = m_messageIndex.constFind(sid);
    return it == m_messageIndex.cend() ? QJsonObject() : m_messages.at(*it);
}

QByteArray TwilioEmulator::mediaBytes(const QString& mediaSid) const
{
    return m_media.value(mediaSid).bytes;
}

QString TwilioEmulator::accountPath() const
{
    return QStringLiteral("/2010-04-01/Accounts/") + options().accountSid;
}

void TwilioEmulator::addApiRoute(const QByteArray& method, const QString& pattern, Handler handler)
{
    addRoute(method,
             pattern,
             [this, method, handler = std::move(handler)](const QHttpServerRequest& request,
                                                          const QRegularExpressionMatch& match) {
                 const QString query = request.url().query(QUrl::FullyEncoded);
                 m_requestLog.append(QString::fromLatin1(method) + QLatin1Char(' ') + request.url().path()
                                     + (query.isEmpty() ? QString() : QLatin1Char('?') + query));
                 if (const std::optional<EmulatorResponse> refused = refuseCredentials(request)) {
                     return *refused;
                 }
                 // Another account's path with valid credentials (Twilio's exact answer is unconfirmed).
                 if (match.lastCapturedIndex() >= 1 && match.captured(1).startsWith(QLatin1String("AC"))
                     && match.captured(1) != options().accountSid) {
                     return authenticationError(false);
                 }
                 return handler(request, match);
             });
}

std::optional<EmulatorResponse> TwilioEmulator::refuseCredentials(const QHttpServerRequest& request) const
{
    const QByteArray header = request.value("Authorization");
    const QByteArray expected =
        "Basic " + (options().accountSid + QLatin1Char(':') + options().authToken).toUtf8().toBase64();
    if (!header.isEmpty() && TwilioSignature::constantTimeEquals(header, expected)) {
        return std::nullopt;
    }
    return authenticationError(header.isEmpty());
}

void TwilioEmulator::registerRoutes()
{
    const QString account = QStringLiteral("/2010-04-01/Accounts/(AC\\w+)");
    const QString messageSid = QStringLiteral("((?:SM|MM)[0-9a-f]{32})");
    const QString mediaSid = QStringLiteral("(ME[0-9a-f]{32})");
    const QString contentSid = QStringLiteral("(HX[0-9a-fA-F]{32})");

    addApiRoute(
        "POST",
        account + QStringLiteral("/Messages\\.json"),
        [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) { return createMessage(request); });
    addApiRoute(
        "GET",
        account + QStringLiteral("/Messages\\.json"),
        [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) { return listMessages(request); });
    addApiRoute("GET",
                account + QStringLiteral("/Messages/") + messageSid + QStringLiteral("\\.json"),
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return fetchMessage(match.captured(2));
                });
    addApiRoute("GET",
                account + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media\\.json"),
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return listMedia(match.captured(2));
                });
    addApiRoute("GET",
                account + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media/") + mediaSid
                    + QStringLiteral("\\.json"),
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return fetchMediaResource(match.captured(2), match.captured(3));
                });
    addApiRoute("GET",
                account + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media/") + mediaSid,
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return redirectToMedia(match.captured(2), match.captured(3));
                });
    addApiRoute("GET",
                QStringLiteral("/v1/Content"),
                [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
                    return listContent(request, false);
                });
    addApiRoute("GET",
                QStringLiteral("/v1/ContentAndApprovals"),
                [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
                    return listContent(request, true);
                });
    addApiRoute("GET",
                QStringLiteral("/v1/Content/") + contentSid,
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return fetchContent(match.captured(1));
                });
    addApiRoute("GET",
                QStringLiteral("/v1/Content/") + contentSid + QStringLiteral("/ApprovalRequests"),
                [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
                    return fetchApprovalRequests(match.captured(1));
                });
    // The "CDN" a media URL redirects to: no credentials, like a short-lived signed URL.
    addRoute(
        "GET",
        QStringLiteral("/_emulator/media/") + mediaSid,
        [this](const QHttpServerRequest&, const QRegularExpressionMatch& match) {
            return serveMediaBytes(match.captured(1));
        },
        RouteKind::Admin);
}

EmulatorResponse TwilioEmulator::createMessage(const QHttpServerRequest& request)
{
    m_createBodies.append(request.body());
    const Form::Fields form = Form::decode(request.body());
    const QString to = Form::value(form, QStringLiteral("To"));
    const QString from = Form::value(form, QStringLiteral("From"));
    const QString serviceSid = Form::value(form, QStringLiteral("MessagingServiceSid"));
    const bool hasBody =
        std::any_of(form.cbegin(), form.cend(), [](const auto& pair) { return pair.first == QLatin1String("Body"); });
    const QString body = Form::value(form, QStringLiteral("Body"));
    const QStringList mediaUrls = Form::values(form, QStringLiteral("MediaUrl"));
    const QString contentSid = Form::value(form, QStringLiteral("ContentSid"));
    const QString contentVariables = Form::value(form, QStringLiteral("ContentVariables"));
    const QString statusCallback = Form::value(form, QStringLiteral("StatusCallback"));

    if (!isWhatsAppAddress(to) || to == QStringLiteral("whatsapp:") + invalidTestNumber()) {
        return twilioError(21211, QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(to));
    }
    if (from.isEmpty() && serviceSid.isEmpty()) {
        return twilioError(21603);
    }
    if (!from.isEmpty() && !isWhatsAppAddress(from)) {
        return twilioError(21606);
    }
    QJsonObject content;
    QJsonObject variables;
    if (!contentSid.isEmpty()) {
        const auto found = std::find_if(m_contents.cbegin(), m_contents.cend(), [&contentSid](const QJsonObject& item) {
            return item.value(QStringLiteral("sid")).toString() == contentSid;
        });
        if (found == m_contents.cend()) {
            return twilioError(21655);
        }
        content = *found;
        if (!contentVariables.isEmpty()) {
            const QJsonDocument document = QJsonDocument::fromJson(contentVariables.toUtf8());
            if (!document.isObject()) {
                return twilioError(21656);
            }
            variables = document.object();
            for (auto it = variables.constBegin(); it != variables.constEnd(); ++it) {
                if (!it.value().isString()) {
                    return twilioError(21656);
                }
            }
        }
    } else {
        if (!hasBody && mediaUrls.isEmpty()) {
            return twilioError(21602);
        }
        if (body.trimmed().isEmpty() && mediaUrls.isEmpty()) {
            return twilioError(21619);
        }
        if (body.size() > kMaxBodyLength) {
            return twilioError(21617);
        }
        if (mediaUrls.size() > kMaxMediaUrls) {
            return twilioError(21620, QStringLiteral("Too many media URLs: at most %1").arg(kMaxMediaUrls));
        }
        for (const QString& url : mediaUrls) {
            if (!isValidCallbackUrl(url)) {
                return twilioError(
                    21620,
                    QStringLiteral("Media urls: %1 are invalid. Please use only valid http and https urls").arg(url));
            }
        }
    }
    if (!statusCallback.isEmpty() && !isValidCallbackUrl(statusCallback)) {
        return EmulatorResponse::json(
            400, errorBody(21609, 400, QStringLiteral("Invalid StatusCallback url: %1").arg(statusCallback)));
    }

    const QString sid = (mediaUrls.isEmpty() ? QStringLiteral("SM") : QStringLiteral("MM")) + randomHex(32);
    const QString now = rfc2822(QDateTime::currentDateTimeUtc());
    for (const QString& url : mediaUrls) {
        addMedia(sid, QString(), url);
    }
    const bool viaService = from.isEmpty();
    const QString uri = accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral(".json");
    const QJsonObject resource{
        {QStringLiteral("account_sid"), options().accountSid},
        {QStringLiteral("api_version"), kApiVersion},
        {QStringLiteral("body"), content.isEmpty() ? body : renderTemplate(content, variables)},
        {QStringLiteral("date_created"), now},
        {QStringLiteral("date_sent"), QJsonValue::Null},
        {QStringLiteral("date_updated"), now},
        {QStringLiteral("direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("error_code"), QJsonValue::Null},
        {QStringLiteral("error_message"), QJsonValue::Null},
        {QStringLiteral("from"), viaService ? QJsonValue(QJsonValue::Null) : QJsonValue(from)},
        {QStringLiteral("messaging_service_sid"),
         serviceSid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(serviceSid)},
        {QStringLiteral("num_media"), QString::number(mediaUrls.size())},
        {QStringLiteral("num_segments"), viaService ? QStringLiteral("0") : QStringLiteral("1")},
        {QStringLiteral("price"), QJsonValue::Null},
        {QStringLiteral("price_unit"), QJsonValue::Null},
        {QStringLiteral("sid"), sid},
        {QStringLiteral("status"), viaService ? QStringLiteral("accepted") : QStringLiteral("queued")},
        {QStringLiteral("subresource_uris"),
         QJsonObject{{QStringLiteral("media"),
                      QString(accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral("/Media.json"))}}},
        {QStringLiteral("to"), to},
        {QStringLiteral("uri"), uri},
    };
    m_messageIndex.insert(sid, m_messages.size());
    m_messages.append(resource);

    QJsonObject record = resource;
    record.insert(QStringLiteral("media_urls"), QJsonArray::fromStringList(mediaUrls));
    record.insert(QStringLiteral("content_sid"), contentSid);
    record.insert(QStringLiteral("content_variables"), contentVariables);
    record.insert(QStringLiteral("status_callback"), statusCallback);
    recordAccepted(record);
    qCDebug(lcEmulator) << "twilio: accepted" << sid
                        << (contentSid.isEmpty() ? QStringLiteral("free-form") : contentSid);

    scheduleStatuses(sid, statusCallback, contentSid.isEmpty());
    return EmulatorResponse::json(201, resource);
}

void TwilioEmulator::scheduleStatuses(const QString& sid, const QString& statusCallback, bool freeForm)
{
    const QJsonObject resource = message(sid);
    const QString to = resource.value(QStringLiteral("to")).toString();
    struct Step
    {
        QString status;
        QString errorCode;
        QString channelMessage;
    };
    QList<Step> steps;
    if (freeForm && !isWindowOpen(digitsOf(to))) {
        steps = {{QStringLiteral("undelivered"),
                  QStringLiteral("63016"),
                  QStringLiteral("Message failed to send because more than 24 hours have passed since the customer "
                                 "last replied to this number.")}};
    } else if (options().finalStatus == QLatin1String("sent")) {
        steps = {{QStringLiteral("sent"), {}, {}}};
    } else if (options().finalStatus == QLatin1String("delivered")) {
        steps = {{QStringLiteral("sent"), {}, {}}, {QStringLiteral("delivered"), {}, {}}};
    } else if (options().finalStatus == QLatin1String("failed")) {
        steps = {{QStringLiteral("failed"), QStringLiteral("30008"), QStringLiteral("Unknown error")}};
    } else if (options().finalStatus == QLatin1String("undelivered")) {
        steps = {{QStringLiteral("sent"), {}, {}},
                 {QStringLiteral("undelivered"),
                  QStringLiteral("30003"),
                  QStringLiteral("Unreachable destination handset")}};
    } else {
        steps = {
            {QStringLiteral("sent"), {}, {}}, {QStringLiteral("delivered"), {}, {}}, {QStringLiteral("read"), {}, {}}};
    }

    // The stored resource moves up in step with the callbacks, for fetch and list.
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const Step step = steps.at(i);
        QTimer::singleShot(static_cast<int>(i + 1) * options().statusDelayMs, this, [this, sid, step] {
            const auto it = m_messageIndex.constFind(sid);
            if (it == m_messageIndex.cend()) {
                return;
            }
            QJsonObject& stored = m_messages[*it];
            stored.insert(QStringLiteral("status"), step.status);
            stored.insert(QStringLiteral("date_updated"), rfc2822(QDateTime::currentDateTimeUtc()));
            if (step.status == QLatin1String("sent")) {
                stored.insert(QStringLiteral("date_sent"), rfc2822(QDateTime::currentDateTimeUtc()));
            }
            if (!step.errorCode.isEmpty()) {
                stored.insert(QStringLiteral("error_code"), step.errorCode.toInt());
                stored.insert(QStringLiteral("error_message"), step.channelMessage);
            }
        });
    }

    if (statusCallback.isEmpty()) {
        return;
    }
    // Twilio never sends the fragment (connection overrides) and leaves it out of the signature.
    const QString signedUrl = statusCallback.section(QLatin1Char('#'), 0, 0);
    const QString serviceSid = resource.value(QStringLiteral("messaging_service_sid")).toString();
    const QString installSid = QStringLiteral("XE") + randomHex(32);
    QList<OutgoingWebhook> sequence;
    for (const Step& step : std::as_const(steps)) {
        Form::Fields fields{
            {QStringLiteral("AccountSid"), options().accountSid},
            {QStringLiteral("ApiVersion"), kApiVersion},
            {QStringLiteral("ChannelPrefix"), QStringLiteral("whatsapp")},
            {QStringLiteral("ChannelToAddress"), to.section(QLatin1Char(':'), 1)},
            {QStringLiteral("From"),
             resource.value(QStringLiteral("from")).toString(QStringLiteral("whatsapp:") + defaultSender())},
            {QStringLiteral("MessageSid"), sid},
            {QStringLiteral("MessageStatus"), step.status},
            {QStringLiteral("SmsSid"), sid},
            {QStringLiteral("SmsStatus"), step.status},
            {QStringLiteral("StructuredMessage"), QStringLiteral("false")},
            {QStringLiteral("To"), to},
        };
        if (step.status != QLatin1String("read")) {
            fields.append({QStringLiteral("ChannelInstallSid"), installSid});
        }
        if (step.status == QLatin1String("delivered") || step.status == QLatin1String("read")
            || step.status == QLatin1String("undelivered")) {
            fields.append({QStringLiteral("EventType"), step.status.toUpper()});
        }
        if (!step.errorCode.isEmpty()) {
            fields.append({QStringLiteral("ErrorCode"), step.errorCode});
            fields.append({QStringLiteral("ChannelStatusMessage"), step.channelMessage});
        }
        if (!serviceSid.isEmpty()) {
            fields.append({QStringLiteral("MessagingServiceSid"), serviceSid});
        }
        std::sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

        OutgoingWebhook webhook;
        webhook.url = QUrl(signedUrl);
        webhook.body = Form::encode(fields);
        webhook.headers = {
            {"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(options().authToken, signedUrl, fields)},
            {"User-Agent", "TwilioProxy/1.1"},
            {"I-Twilio-Idempotency-Token", randomHex(32).toLatin1()},
        };
        sequence.append(webhook);
    }
    deliverStatuses(sequence);
}

QString TwilioEmulator::renderTemplate(const QJsonObject& content, const QJsonObject& variables) const
{
    const QJsonObject types = content.value(QStringLiteral("types")).toObject();
    QString text = types.value(types.keys().value(0)).toObject().value(QStringLiteral("body")).toString();
    const QJsonObject defaults = content.value(QStringLiteral("variables")).toObject();
    for (const QString& key : defaults.keys()) {
        const QString value =
            variables.contains(key) ? variables.value(key).toString() : defaults.value(key).toString();
        text.replace(QStringLiteral("{{") + key + QStringLiteral("}}"), value);
    }
    return text;
}

EmulatorResponse TwilioEmulator::fetchMessage(const QString& sid) const
{
    const QJsonObject resource = message(sid);
    if (resource.isEmpty()) {
        return twilioError(
            20404, QStringLiteral("The requested resource %1/Messages/%2.json was not found").arg(accountPath(), sid));
    }
    return EmulatorResponse::json(200, resource);
}

EmulatorResponse TwilioEmulator::listMessages(const QHttpServerRequest& request) const
{
    const Form::Fields query = queryOf(request);
    const int pageSize = boundedInt(query, QStringLiteral("PageSize"), kDefaultPageSize, 1, kMaxPageSize);
    const int page = boundedInt(query, QStringLiteral("Page"), 0, 0, 1'000'000);
    const QString to = Form::value(query, QStringLiteral("To"));
    const QString from = Form::value(query, QStringLiteral("From"));

    QList<QJsonObject> matching;
    for (auto it = m_messages.crbegin(); it != m_messages.crend(); ++it) { // newest first, as Twilio lists
        if ((to.isEmpty() || it->value(QStringLiteral("to")).toString() == to)
            && (from.isEmpty() || it->value(QStringLiteral("from")).toString() == from)) {
            matching.append(*it);
        }
    }
    const qsizetype start = qsizetype(page) * pageSize;
    QJsonArray items;
    for (qsizetype i = start; i < std::min<qsizetype>(start + pageSize, matching.size()); ++i) {
        items.append(matching.at(i));
    }

    const auto pageUri = [this, pageSize, &to, &from](int number, const QString& token) -> QString {
        Form::Fields fields;
        if (!to.isEmpty()) {
            fields.append({QStringLiteral("To"), to});
        }
        if (!from.isEmpty()) {
            fields.append({QStringLiteral("From"), from});
        }
        fields.append({QStringLiteral("PageSize"), QString::number(pageSize)});
        fields.append({QStringLiteral("Page"), QString::number(number)});
        if (!token.isEmpty()) {
            fields.append({QStringLiteral("PageToken"), token});
        }
        return accountPath() + QStringLiteral("/Messages.json?") + QString::fromLatin1(Form::encode(fields));
    };
    const bool hasNext = start + pageSize < matching.size();
    const QString lastSid =
        items.isEmpty() ? QString() : items.last().toObject().value(QStringLiteral("sid")).toString();
    const QString firstSid =
        items.isEmpty() ? QString() : items.first().toObject().value(QStringLiteral("sid")).toString();
    // Only twilio-node's META_KEYS besides the record array (§1.8).
    return EmulatorResponse::json(
        200,
        {
            {QStringLiteral("messages"), items},
            {QStringLiteral("uri"), pageUri(page, QString())},
            {QStringLiteral("first_page_uri"), pageUri(0, QString())},
            {QStringLiteral("next_page_uri"),
             hasNext ? QJsonValue(pageUri(page + 1, QStringLiteral("PA") + lastSid)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("previous_page_uri"),
             page > 0 ? QJsonValue(pageUri(page - 1, QStringLiteral("PB") + firstSid)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("page"), page},
            {QStringLiteral("page_size"), pageSize},
            {QStringLiteral("start"), static_cast<qint64>(start)},
            {QStringLiteral("end"), static_cast<qint64>(start + std::max<qsizetype>(items.size(), 1) - 1)},
        });
}

QString TwilioEmulator::addMedia(const QString& messageSid, const QString& contentType, const QString& hint)
{
    Media media;
    media.sid = QStringLiteral("ME") + randomHex(32);
    media.messageSid = messageSid;
    media.contentType = contentType;
    if (media.contentType.isEmpty()) {
        const QString guessed =
            QMimeDatabase().mimeTypeForFile(QUrl(hint).path(), QMimeDatabase::MatchExtension).name();
        media.contentType =
            guessed == QLatin1String("application/octet-stream") ? QStringLiteral("image/jpeg") : guessed;
    }
    if (media.contentType == QLatin1String("image/png")) {
        media.bytes = kPng;
    } else if (media.contentType == QLatin1String("image/jpeg")) {
        media.bytes = kJpeg;
    } else {
        media.bytes = "FlowChat emulator media " + media.sid.toLatin1() + '\n';
    }
    media.dateCreated = rfc2822(QDateTime::currentDateTimeUtc());
    m_media.insert(media.sid, media);
    return media.sid;
}

QJsonObject TwilioEmulator::mediaResource(const Media& media) const
{
    return {
        {QStringLiteral("account_sid"), options().accountSid},
        {QStringLiteral("content_type"), media.contentType},
        {QStringLiteral("date_created"), media.dateCreated},
        {QStringLiteral("date_updated"), media.dateCreated},
        {QStringLiteral("parent_sid"), media.messageSid},
        {QStringLiteral("sid"), media.sid},
        {QStringLiteral("uri"),
         QString(accountPath() + QStringLiteral("/Messages/") + media.messageSid + QStringLiteral("/Media/") + media.sid
                 + QStringLiteral(".json"))},
    };
}

EmulatorResponse TwilioEmulator::listMedia(const QString& messageSid) const
{
    if (!m_messageIndex.contains(messageSid)) {
        return twilioError(20404,
                           QStringLiteral("The requested resource %1/Messages/%2/Media.json was not found")
                               .arg(accountPath(), messageSid));
    }
    QJsonArray items;
    for (const Media& media : m_media) {
        if (media.messageSid == messageSid) {
            items.append(mediaResource(media));
        }
    }
    const QString uri =
        accountPath() + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media.json?PageSize=50&Page=0");
    return EmulatorResponse::json(200,
                                  {
                                      {QStringLiteral("media_list"), items},
                                      {QStringLiteral("uri"), uri},
                                      {QStringLiteral("first_page_uri"), uri},
                                      {QStringLiteral("next_page_uri"), QJsonValue::Null},
                                      {QStringLiteral("previous_page_uri"), QJsonValue::Null},
                                      {QStringLiteral("page"), 0},
                                      {QStringLiteral("page_size"), kDefaultPageSize},
                                      {QStringLiteral("start"), 0},
                                      {QStringLiteral("end"), std::max<qsizetype>(items.size(), 1) - 1},
                                  });
}

EmulatorResponse TwilioEmulator::fetchMediaResource(const QString& messageSid, const QString& mediaSid) const
{
    const auto it = m_media.constFind(mediaSid);
    if (it == m_media.cend() || it->messageSid != messageSid) {
        return twilioError(20404);
    }
    return EmulatorResponse::json(200, mediaResource(*it));
}

EmulatorResponse TwilioEmulator::redirectToMedia(const QString& messageSid, const QString& mediaSid) const
{
    const auto it = m_media.constFind(mediaSid);
    if (it == m_media.cend() || it->messageSid != messageSid) {
        return twilioError(20404);
    }
    // Twilio answers media URLs with a redirect to a short-lived CDN URL (§6).
    EmulatorResponse response;
    response.status = 307;
    response.contentType = "text/plain";
    QUrl target = baseUrl();
    target.setPath(QStringLiteral("/_emulator/media/") + mediaSid);
    response.headers.append({"Location", target.toString(QUrl::FullyEncoded).toLatin1()});
    return response;
}

EmulatorResponse TwilioEmulator::serveMediaBytes(const QString& mediaSid) const
{
    const auto it = m_media.constFind(mediaSid);
    if (it == m_media.cend()) {
        return EmulatorResponse::json(404, {{QStringLiteral("error"), QStringLiteral("no such media")}});
    }
    EmulatorResponse response;
    response.status = 200;
    response.contentType = it->contentType.toLatin1();
    response.body = it->bytes;
    return response;
}

QString TwilioEmulator::contentUrl(const QString& path, int pageSize, int page, const QString& token) const
{
    QUrl url = baseUrl();
    url.setPath(path);
    QString query = QStringLiteral("PageSize=%1&Page=%2").arg(pageSize).arg(page);
    if (!token.isEmpty()) {
        query += QStringLiteral("&PageToken=") + token;
    }
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

EmulatorResponse TwilioEmulator::listContent(const QHttpServerRequest& request, bool withApprovals) const
{
    const Form::Fields query = queryOf(request);
    const int pageSize = boundedInt(query, QStringLiteral("PageSize"), kDefaultPageSize, 1, kMaxPageSize);
    const int page = boundedInt(query, QStringLiteral("Page"), 0, 0, 1'000'000);
    const QString path = request.url().path();

    QJsonArray items;
    const qsizetype start = qsizetype(page) * pageSize;
    for (qsizetype i = start; i < std::min<qsizetype>(start + pageSize, m_contents.size()); ++i) {
        QJsonObject item = m_contents.at(i);
        item.insert(QStringLiteral("account_sid"), options().accountSid);
        if (!withApprovals) {
            const QString sid = item.value(QStringLiteral("sid")).toString();
            const QString self = QStringLiteral("https://content.twilio.com/v1/Content/") + sid;
            item.remove(QStringLiteral("approval_requests"));
            item.insert(QStringLiteral("url"), self);
            item.insert(
                QStringLiteral("links"),
                QJsonObject{
                    {QStringLiteral("approval_create"), QString(self + QStringLiteral("/ApprovalRequests/whatsapp"))},
                    {QStringLiteral("approval_fetch"), QString(self + QStringLiteral("/ApprovalRequests"))}});
        }
        items.append(item);
    }
    const bool hasNext = start + pageSize < m_contents.size();
    const QString lastSid =
        items.isEmpty() ? QString() : items.last().toObject().value(QStringLiteral("sid")).toString();
    const QString firstSid =
        items.isEmpty() ? QString() : items.first().toObject().value(QStringLiteral("sid")).toString();
    const QJsonObject meta{
        {QStringLiteral("page"), page},
        {QStringLiteral("page_size"), pageSize},
        {QStringLiteral("first_page_url"), contentUrl(path, pageSize, 0, QString())},
        {QStringLiteral("previous_page_url"),
         page > 0 ? QJsonValue(contentUrl(path, pageSize, page - 1, QStringLiteral("PB") + firstSid))
                  : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("url"), contentUrl(path, pageSize, page, QString())},
        {QStringLiteral("next_page_url"),
         hasNext ? QJsonValue(contentUrl(path, pageSize, page + 1, QStringLiteral("PA") + lastSid))
                 : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("key"), QStringLiteral("contents")},
    };
    return EmulatorResponse::json(200, {{QStringLiteral("contents"), items}, {QStringLiteral("meta"), meta}});
}

EmulatorResponse TwilioEmulator::fetchContent(const QString& sid) const
{
    for (QJsonObject item : m_contents) {
        if (item.value(QStringLiteral("sid")).toString() == sid) {
            const QString self = QStringLiteral("https://content.twilio.com/v1/Content/") + sid;
            item.remove(QStringLiteral("approval_requests"));
            item.insert(QStringLiteral("account_sid"), options().accountSid);
            item.insert(QStringLiteral("url"), self);
            item.insert(
                QStringLiteral("links"),
                QJsonObject{
                    {QStringLiteral("approval_create"), QString(self + QStringLiteral("/ApprovalRequests/whatsapp"))},
                    {QStringLiteral("approval_fetch"), QString(self + QStringLiteral("/ApprovalRequests"))}});
            return EmulatorResponse::json(200, item);
        }
    }
    return twilioError(20404, QStringLiteral("The requested resource /Content/%1 was not found").arg(sid));
}

EmulatorResponse TwilioEmulator::fetchApprovalRequests(const QString& sid) const
{
    for (const QJsonObject& item : m_contents) {
        if (item.value(QStringLiteral("sid")).toString() == sid) {
            QJsonObject whatsapp = item.value(QStringLiteral("approval_requests")).toObject();
            whatsapp.insert(QStringLiteral("type"), QStringLiteral("whatsapp"));
            whatsapp.insert(QStringLiteral("flows"), QJsonValue::Null);
            return EmulatorResponse::json(200,
                                          {
                                              {QStringLiteral("sid"), sid},
                                              {QStringLiteral("account_sid"), options().accountSid},
                                              {QStringLiteral("whatsapp"), whatsapp},
                                              {QStringLiteral("url"),
                                               QString(QStringLiteral("https://content.twilio.com/v1/Content/") + sid
                                                       + QStringLiteral("/ApprovalRequests"))},
                                          });
        }
    }
    return twilioError(20404,
                       QStringLiteral("The requested resource /Content/%1/ApprovalRequests was not found").arg(sid));
}

EmulatorResponse TwilioEmulator::faultResponse(const FaultSpec& fault)
{
    if (fault.kind == FaultSpec::Kind::ProviderError) {
        bool ok = false;
        const int code = fault.providerCode.toInt(&ok);
        if (!ok) {
            return EmulatorResponse::json(
                400,
                {{QStringLiteral("status"), 400},
                 {QStringLiteral("message"), QStringLiteral("Error %1").arg(fault.providerCode)}});
        }
        return code == 20003 ? authenticationError(false) : twilioError(code);
    }
    switch (fault.httpStatus) {
    case 401:
        return authenticationError(false);
    case 404:
        return twilioError(20404);
    case 429:
        return twilioError(20429);
    case 500:
        return twilioError(20500);
    case 503:
        return twilioError(20503);
    default: {
        // Twilio's code is "when available" (§1.6): other statuses come without one.
        EmulatorResponse response = EmulatorResponse::json(
            fault.httpStatus,
            {{QStringLiteral("status"), fault.httpStatus},
             {QStringLiteral("message"), QStringLiteral("HTTP %1 injected by the emulator").arg(fault.httpStatus)}});
        return response;
    }
    }
}

EmulatorResponse TwilioEmulator::notFound(const QHttpServerRequest& request)
{
    return EmulatorResponse::json(
        404,
        errorBody(20404, 404, QStringLiteral("The requested resource %1 was not found").arg(request.url().path())));
}

EmulatorResponse TwilioEmulator::simulateInbound(const QJsonObject& request)
{
    const QString target =
        request.value(QStringLiteral("webhook_url")).toString(options().webhookUrl.toString(QUrl::FullyEncoded));
    if (target.isEmpty()) {
        return EmulatorResponse::json(
            400,
            {{QStringLiteral("error"),
              QStringLiteral("no webhook URL: start with --webhook-url or pass webhook_url")}});
    }
    const QString digits = digitsOf(request.value(QStringLiteral("from")).toString());
    if (digits.isEmpty()) {
        return EmulatorResponse::json(400,
                                      {{QStringLiteral("error"), QStringLiteral("'from' must be a phone number")}});
    }
    const QString mediaHint = request.value(QStringLiteral("media_url")).toString();
    const QString contentType = request.value(QStringLiteral("content_type")).toString();
    const bool hasMedia = !mediaHint.isEmpty() || !contentType.isEmpty();
    const QString sid = (hasMedia ? QStringLiteral("MM") : QStringLiteral("SM")) + randomHex(32);
    const QString from = QStringLiteral("whatsapp:+") + digits;
    const QString to =
        QStringLiteral("whatsapp:+") + digitsOf(request.value(QStringLiteral("to")).toString(defaultSender()));
    const QString body = request.value(QStringLiteral("body")).toString();

    QString messageType = QStringLiteral("text");
    Form::Fields fields{
        {QStringLiteral("AccountSid"), options().accountSid},
        {QStringLiteral("ApiVersion"), kApiVersion},
        {QStringLiteral("Body"), body},
        {QStringLiteral("From"), from},
        {QStringLiteral("MessageSid"), sid},
        {QStringLiteral("NumSegments"), QStringLiteral("1")},
        {QStringLiteral("ReferralNumMedia"), QStringLiteral("0")},
        {QStringLiteral("SmsMessageSid"), sid},
        {QStringLiteral("SmsSid"), sid},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")},
        {QStringLiteral("To"), to},
        {QStringLiteral("WaId"), digits},
    };
    if (request.contains(QStringLiteral("name"))) {
        fields.append({QStringLiteral("ProfileName"), request.value(QStringLiteral("name")).toString()});
    }
    QString mediaUrl;
    if (hasMedia) {
        const QString mediaSid = addMedia(sid, contentType, mediaHint);
        QUrl url = baseUrl();
        url.setPath(accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral("/Media/") + mediaSid);
        mediaUrl = url.toString(QUrl::FullyEncoded);
        const QString mime = m_media.value(mediaSid).contentType;
        fields.append({QStringLiteral("MediaContentType0"), mime});
        fields.append({QStringLiteral("MediaUrl0"), mediaUrl});
        messageType = mime.section(QLatin1Char('/'), 0, 0);
        if (messageType != QLatin1String("image") && messageType != QLatin1String("video")
            && messageType != QLatin1String("audio")) {
            messageType = QStringLiteral("document");
        }
    }
    fields.append({QStringLiteral("NumMedia"), hasMedia ? QStringLiteral("1") : QStringLiteral("0")});
    if (request.contains(QStringLiteral("latitude")) && request.contains(QStringLiteral("longitude"))) {
        messageType = QStringLiteral("location");
        fields.append({QStringLiteral("Latitude"), jsonString(request.value(QStringLiteral("latitude")))});
        fields.append({QStringLiteral("Longitude"), jsonString(request.value(QStringLiteral("longitude")))});
        for (const auto& [key, field] : {std::pair{"address", "Address"}, std::pair{"label", "Label"}}) {
            if (request.contains(QLatin1String(key))) {
                fields.append({QString::fromLatin1(field), request.value(QLatin1String(key)).toString()});
            }
        }
    }
    if (request.contains(QStringLiteral("button_text")) || request.contains(QStringLiteral("button_payload"))) {
        messageType = QStringLiteral("interactive"); // what a real quick-reply capture shows (§3.2)
        fields.append({QStringLiteral("ButtonText"), request.value(QStringLiteral("button_text")).toString()});
        fields.append({QStringLiteral("ButtonPayload"), request.value(QStringLiteral("button_payload")).toString()});
    }
    if (request.contains(QStringLiteral("list_id"))) {
        messageType = QStringLiteral("interactive");
        fields.append({QStringLiteral("ListId"), request.value(QStringLiteral("list_id")).toString()});
        fields.append({QStringLiteral("ListTitle"), request.value(QStringLiteral("list_title")).toString()});
    }
    const QString replyTo = request.value(QStringLiteral("reply_to")).toString();
    if (!replyTo.isEmpty()) {
        fields.append({QStringLiteral("OriginalRepliedMessageSender"), to});
        fields.append({QStringLiteral("OriginalRepliedMessageSid"), replyTo});
    }
    fields.append({QStringLiteral("MessageType"), request.value(QStringLiteral("message_type")).toString(messageType)});
    std::sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    // Kept as an inbound Message resource, so its media can be listed and fetched.
    const QString now = rfc2822(QDateTime::currentDateTimeUtc());
    m_messageIndex.insert(sid, m_messages.size());
    m_messages.append(QJsonObject{
        {QStringLiteral("account_sid"), options().accountSid},
        {QStringLiteral("api_version"), kApiVersion},
        {QStringLiteral("body"), body},
        {QStringLiteral("date_created"), now},
        {QStringLiteral("date_sent"), now},
        {QStringLiteral("date_updated"), now},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("error_code"), QJsonValue::Null},
        {QStringLiteral("error_message"), QJsonValue::Null},
        {QStringLiteral("from"), from},
        {QStringLiteral("messaging_service_sid"), QJsonValue::Null},
        {QStringLiteral("num_media"), hasMedia ? QStringLiteral("1") : QStringLiteral("0")},
        {QStringLiteral("num_segments"), QStringLiteral("1")},
        {QStringLiteral("price"), QJsonValue::Null},
        {QStringLiteral("price_unit"), QJsonValue::Null},
        {QStringLiteral("sid"), sid},
        {QStringLiteral("status"), QStringLiteral("received")},
        {QStringLiteral("subresource_uris"),
         QJsonObject{{QStringLiteral("media"),
                      QString(accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral("/Media.json"))}}},
        {QStringLiteral("to"), to},
        {QStringLiteral("uri"), QString(accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral(".json"))},
    });

    OutgoingWebhook webhook;
    webhook.url = QUrl(target);
    webhook.body = Form::encode(fields);
    webhook.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"X-Twilio-Signature", TwilioSignature::sign(options().authToken, target, fields)},
        {"User-Agent", "TwilioProxy/1.1"},
        {"I-Twilio-Idempotency-Token", randomHex(32).toLatin1()},
    };
    noteInbound(digits);
    deliver(webhook, 0);
    qCDebug(lcEmulator) << "twilio: inbound" << sid << "type" << messageType;

    QJsonObject answer{{QStringLiteral("sid"), sid}, {QStringLiteral("webhook_url"), target}};
    if (!mediaUrl.isEmpty()) {
        answer.insert(QStringLiteral("media_url"), mediaUrl);
    }
    return EmulatorResponse::json(200, answer);
}
