#include "app/http/HttpApi.h"

#include "app/AppLogging.h"
#include "app/http/ApiJson.h"
#include "app/http/BoundedTcpServer.h"
#include "app/http/DeferredResponder.h"
#include "app/http/WebhookSelfTest.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "providers/ErrorCatalogue.h"
#include "providers/Phone.h"
#include "providers/meta/MetaSignature.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace
{

using Method = QHttpServerRequest::Method;

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpApi::Reply jsonReply(int status, const QJsonObject& object)
{
    HttpApi::Reply reply;
    reply.status = status;
    reply.body = compact(object);
    return reply;
}

void write(QHttpServerResponder&& responder, const HttpApi::Reply& reply)
{
    QHttpServerResponse response(
        reply.contentType, reply.body, static_cast<QHttpServerResponse::StatusCode>(reply.status));
    for (const auto& [name, value] : reply.headers) {
        response.setHeader(name, value);
    }
    response.write(std::move(responder));
}

// The one place an error's kind becomes an HTTP status: by kind only, never by its code.
int httpStatusOf(const Error& error)
{
    switch (error.kind) {
    case Error::Kind::Validation:
    case Error::Kind::InvalidRecipient:
    case Error::Kind::OutsideWindow:
    case Error::Kind::TemplateMismatch:
        return 400;
    case Error::Kind::Unauthorized:
        return 401;
    case Error::Kind::Authentication:
        return 403;
    case Error::Kind::NotFound:
        return 404;
    case Error::Kind::Conflict:
        return 409;
    case Error::Kind::UnsupportedMediaType:
        return 415;
    case Error::Kind::RateLimited:
        return 429;
    case Error::Kind::Internal:
        return 500;
    case Error::Kind::ServerError:
    case Error::Kind::Network:
    case Error::Kind::Timeout:
        return 502;
    case Error::Kind::Configuration:
    case Error::Kind::Unavailable:
        return 503;
    case Error::Kind::Permanent:
        break;
    }
    return error.httpStatus >= 400 && error.httpStatus < 600 ? error.httpStatus : 500;
}

bool isJson(const QHttpServerRequest& request)
{
    const QByteArray type = request.value("Content-Type").split(';').first().trimmed().toLower();
    return type == "application/json";
}

// The optional positive integer query parameter `key`, or a validation error naming it.
Result<int> intParameter(const QUrlQuery& query, const QString& key, int fallback, int min, int max)
{
    if (!query.hasQueryItem(key)) {
        return fallback;
    }
    bool ok = false;
    const qlonglong value = query.queryItemValue(key).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        return Unexpected(Error::validation(
            key, QStringLiteral("'%1' must be a whole number from %2 to %3").arg(key).arg(min).arg(max)));
    }
    return static_cast<int>(value);
}

Result<qint64> idParameter(const QUrlQuery& query, const QString& key)
{
    if (!query.hasQueryItem(key)) {
        return 0;
    }
    bool ok = false;
    const qint64 value = query.queryItemValue(key).toLongLong(&ok);
    if (!ok || value <= 0) {
        return Unexpected(Error::validation(key, QStringLiteral("'%1' must be a message id").arg(key)));
    }
    return value;
}

// Everything the service needs from a webhook request, copied out before the answer is deferred
// (the request object dies with its socket). `url` is the URL the request arrived at; the Twilio
// verifier prefers FLOWCHAT_PUBLIC_URL when one is configured.
WebhookRequest webhookRequest(const QHttpServerRequest& request, const QUrl& listenUrl)
{
    WebhookRequest webhook;
    webhook.method = "POST";
    QUrl url = request.url();
    url.setUserInfo(QString());
    url.setFragment(QString());
    if (url.scheme().isEmpty()) {
        url.setScheme(QStringLiteral("http"));
    }
    if (url.host().isEmpty()) {
        url.setHost(listenUrl.host());
        url.setPort(listenUrl.port());
    }
    webhook.url = url;
    for (const auto& [name, value] : request.headers()) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower == "cookie" || lower == "proxy-authorization") {
            continue;
        }
        webhook.headers.append({name, value});
    }
    webhook.body = request.body();
    return webhook;
}

QString newInstanceId()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16);
}

} // namespace

HttpApi::HttpApi(WhatsAppService* service, Options options, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_options(std::move(options))
    , m_tokenDigest(QCryptographicHash::hash(m_options.apiToken.toUtf8(), QCryptographicHash::Sha256))
    , m_instanceId(newInstanceId())
    , m_http(new QHttpServer(this))
    , m_tcp(new BoundedTcpServer(m_options.bodyLimit, m_options.idleTimeoutMs, this))
{
    registerRoutes();
}

HttpApi::~HttpApi() = default;

Result<quint16> HttpApi::listen()
{
    if (m_options.apiToken.isEmpty()) {
        return Unexpected(
            Error::configuration(QStringLiteral("FLOWCHAT_API_TOKEN"),
                                 QStringLiteral("config.missing"),
                                 QStringLiteral("The HTTP API needs a bearer token (FLOWCHAT_API_TOKEN)")));
    }
    if (!m_tcp->listen(m_options.address, m_options.port)) {
        return Unexpected(Error::configuration(QStringLiteral("FLOWCHAT_LISTEN"),
                                               QStringLiteral("http.listen"),
                                               QStringLiteral("Cannot listen on %1:%2: %3")
                                                   .arg(m_options.address.toString())
                                                   .arg(m_options.port)
                                                   .arg(m_tcp->errorString())));
    }
    m_http->bind(m_tcp);
    qCInfo(lcHttp) << "listening on" << url().toString();
    return m_tcp->serverPort();
}

quint16 HttpApi::port() const
{
    return m_tcp->isListening() ? m_tcp->serverPort() : 0;
}

QUrl HttpApi::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    QHostAddress address = m_options.address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4) {
        address = QHostAddress::LocalHost;
    } else if (address == QHostAddress::AnyIPv6) {
        address = QHostAddress::LocalHostIPv6;
    }
    url.setHost(address.toString());
    url.setPort(port());
    return url;
}

QString HttpApi::instanceId() const
{
    return m_instanceId;
}

void HttpApi::stopAccepting()
{
    if (!m_accepting) {
        return;
    }
    m_accepting = false;
    m_tcp->close();
    qCInfo(lcHttp) << "stopped accepting connections;" << m_owed << "answers still owed";
}

int HttpApi::owedAnswers() const
{
    return m_owed;
}

HttpApi::Reply HttpApi::errorReply(const Error& error, const QString& provider, const QJsonObject& extra)
{
    const int status = httpStatusOf(error);
    QJsonObject detail{{QStringLiteral("code"), error.code},
                       {QStringLiteral("message"), error.message},
                       {QStringLiteral("field"), error.field.isEmpty() ? QJsonValue() : QJsonValue(error.field)}};
    // The sandbox and the direct provider speak Meta's API, so Meta's codes apply.
    const QString catalogue =
        provider == QLatin1String("sandbox") || provider == QLatin1String("direct") ? QStringLiteral("meta") : provider;
    if (!catalogue.isEmpty()) {
        if (const std::optional<ErrorAdvice> advice = ErrorCatalogue::find(catalogue, error.code)) {
            detail.insert(QStringLiteral("title"), advice->title);
            detail.insert(QStringLiteral("advice"), advice->advice);
        }
    }
    QJsonObject body = extra;
    body.insert(QStringLiteral("error"), detail);
    Reply reply = jsonReply(status, body);
    if (status == 429 && error.retryAfter) {
        reply.headers.append({"Retry-After", QByteArray::number(static_cast<qint64>(error.retryAfter->count()))});
    }
    if (status == 401) {
        reply.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    }
    return reply;
}

void HttpApi::registerRoutes()
{
    // Route handlers copy what they need out of the request before any answer is deferred.
    m_http->route(QStringLiteral("/api/health"),
                  Method::Get,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleHealth(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/send"),
                  Method::Post,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleSend(r, std::move(w)); });
    m_http->route(
        QStringLiteral("/api/whatsapp/send-template"),
        Method::Post,
        [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleSendTemplate(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/messages/<arg>"),
                  Method::Get,
                  [this](qint64 id, const QHttpServerRequest& r, QHttpServerResponder&& w) {
                      handleMessage(id, r, std::move(w));
                  });
    m_http->route(QStringLiteral("/api/whatsapp/messages"),
                  Method::Get,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleMessages(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/templates"),
                  Method::Get,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleTemplates(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/webhooks"),
                  Method::Get,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleWebhookLog(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/webhooks/<arg>/replay"),
                  Method::Post,
                  [this](qint64 id, const QHttpServerRequest& r, QHttpServerResponder&& w) {
                      handleReplay(id, r, std::move(w));
                  });
    m_http->route(
        QStringLiteral("/api/whatsapp/webhook"),
        Method::Get,
        [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleVerification(r, std::move(w)); });
    m_http->route(QStringLiteral("/api/whatsapp/webhook"),
                  Method::Post,
                  [this](const QHttpServerRequest& r, QHttpServerResponder&& w) { handleWebhook(r, std::move(w)); });
    m_http->setMissingHandler([](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        write(std::move(responder),
              errorReply(Error::notFound(
                  QStringLiteral("not_found"),
                  QStringLiteral("No such route (or not with this method): %1").arg(request.url().path()))));
    });
}

bool HttpApi::authorized(const QHttpServerRequest& request) const
{
    const QByteArray header = request.value("Authorization").trimmed();
    static const QByteArray scheme("bearer ");
    if (header.size() <= scheme.size() || header.left(scheme.size()).toLower() != scheme) {
        return false;
    }
    // Digests have one length, so the comparison's time says nothing about the token.
    const QByteArray given = QCryptographicHash::hash(header.mid(scheme.size()).trimmed(), QCryptographicHash::Sha256);
    return MetaSignature::constantTimeEquals(given, m_tokenDigest);
}

bool HttpApi::refuseUnlessAuthorized(const QHttpServerRequest& request, QHttpServerResponder& responder, bool jsonBody)
{
    if (!m_accepting) {
        Reply reply =
            errorReply(Error::unavailable(QStringLiteral("unavailable"), QStringLiteral("FlowChat is shutting down")));
        reply.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        write(std::move(responder), reply);
        return true;
    }
    if (!authorized(request)) {
        write(std::move(responder),
              errorReply(Error::unauthorized(QStringLiteral("Send 'Authorization: Bearer <FLOWCHAT_API_TOKEN>'. %1")
                                                 .arg(m_options.apiTokenHint)
                                                 .trimmed())));
        return true;
    }
    if (jsonBody && !isJson(request)) {
        write(std::move(responder),
              errorReply(Error::make(Error::Kind::UnsupportedMediaType,
                                     QStringLiteral("unsupported_media_type"),
                                     QStringLiteral("Send the body as application/json"),
                                     QStringLiteral("Content-Type"))));
        return true;
    }
    return false;
}

MessageReader& HttpApi::reader()
{
    if (!m_reader) {
        m_reader = std::make_unique<MessageReader>(m_service->store()->database());
    }
    return *m_reader;
}

HttpApi::Answer HttpApi::defer(QHttpServerResponder&& responder)
{
    ++m_owed;
    DeferredResponder deferred(std::move(responder));
    auto answered = std::make_shared<bool>(false);
    QPointer<HttpApi> self(this);
    return [self, deferred, answered](const Reply& reply) mutable {
        if (*answered) {
            return;
        }
        *answered = true;
        deferred.respond(reply.status, reply.contentType, reply.body, reply.headers);
        if (self) {
            self->settle();
        }
    };
}

void HttpApi::settle()
{
    if (--m_owed == 0) {
        emit answersSettled();
    }
}

std::function<void(Result<SendReceipt>)> HttpApi::answerWithReceipt(Answer answer) const
{
    // 202 once the message is stored, or the service's refusal with the catalogue's words.
    return [answer, provider = m_service->providerName()](Result<SendReceipt> receipt) {
        if (!receipt) {
            answer(errorReply(receipt.error(), provider));
            return;
        }
        Reply reply = jsonReply(
            202, {{QStringLiteral("id"), receipt->id}, {QStringLiteral("status"), Status::toString(receipt->status)}});
        reply.headers.append({"Location", "/api/whatsapp/messages/" + QByteArray::number(receipt->id)});
        answer(reply);
    };
}

void HttpApi::handleSend(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder, true)) {
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(request.body());
    if (!document.isObject()) {
        write(std::move(responder),
              errorReply(Error::validation(QStringLiteral("body"), QStringLiteral("The body must be a JSON object"))));
        return;
    }
    const Result<SendRequest> parsed = ApiJson::parseSend(document.object());
    if (!parsed) {
        write(std::move(responder), errorReply(parsed.error()));
        return;
    }
    m_service->send(*parsed, this, answerWithReceipt(defer(std::move(responder))));
}

void HttpApi::handleSendTemplate(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder, true)) {
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(request.body());
    if (!document.isObject()) {
        write(std::move(responder),
              errorReply(Error::validation(QStringLiteral("body"), QStringLiteral("The body must be a JSON object"))));
        return;
    }
    const Result<TemplateSendRequest> parsed = ApiJson::parseSendTemplate(document.object());
    if (!parsed) {
        write(std::move(responder), errorReply(parsed.error()));
        return;
    }
    m_service->sendTemplate(*parsed, this, answerWithReceipt(defer(std::move(responder))));
}

void HttpApi::handleMessage(qint64 id, const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder)) {
        return;
    }
    const Result<StoredMessage> message = reader().message(id);
    if (!message) {
        write(std::move(responder), errorReply(message.error()));
        return;
    }
    write(std::move(responder), jsonReply(200, ApiJson::message(*message, m_options.businessNumber, true)));
}

void HttpApi::handleMessages(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder)) {
        return;
    }
    const QUrlQuery query = request.query();
    // A '+' in a query string is often a space by the time it arrives; E.164 never has spaces.
    const QString contact = query.queryItemValue(QStringLiteral("contact"), QUrl::FullyDecoded).trimmed();
    if (contact.isEmpty()) {
        write(std::move(responder),
              errorReply(Error::validation(QStringLiteral("contact"),
                                           QStringLiteral("Give ?contact=+E164, such as +14155550100"))));
        return;
    }
    const Result<QString> e164 = Phone::normalize(contact, QStringLiteral("contact"));
    if (!e164) {
        write(std::move(responder), errorReply(e164.error()));
        return;
    }
    const Result<int> limit = intParameter(query, QStringLiteral("limit"), kDefaultPageSize, 1, kMaxPageSize);
    const Result<qint64> before = idParameter(query, QStringLiteral("before"));
    if (!limit || !before) {
        write(std::move(responder), errorReply(!limit ? limit.error() : before.error()));
        return;
    }
    const Result<QList<StoredMessage>> messages = reader().contactMessages(*e164, *before, *limit);
    if (!messages) {
        write(std::move(responder), errorReply(messages.error()));
        return;
    }
    QJsonArray list;
    for (const StoredMessage& message : *messages) {
        list.append(ApiJson::message(message, m_options.businessNumber, false));
    }
    QJsonObject body{{QStringLiteral("messages"), list}};
    body.insert(QStringLiteral("next_before"),
                messages->size() == *limit ? QJsonValue(messages->constLast().id) : QJsonValue());
    write(std::move(responder), jsonReply(200, body));
}

void HttpApi::handleTemplates(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder)) {
        return;
    }
    const Result<QList<StoredTemplate>> templates = reader().templates();
    if (!templates) {
        write(std::move(responder), errorReply(templates.error()));
        return;
    }
    QJsonArray list;
    for (const StoredTemplate& stored : *templates) {
        list.append(ApiJson::storedTemplate(stored));
    }
    write(std::move(responder), jsonReply(200, {{QStringLiteral("templates"), list}}));
}

void HttpApi::handleWebhookLog(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder)) {
        return;
    }
    const QUrlQuery query = request.query();
    const Result<int> limit = intParameter(query, QStringLiteral("limit"), kDefaultPageSize, 1, kMaxPageSize);
    const Result<qint64> before = idParameter(query, QStringLiteral("before"));
    if (!limit || !before) {
        write(std::move(responder), errorReply(!limit ? limit.error() : before.error()));
        return;
    }
    const Result<QList<WebhookLogEntry>> entries = reader().webhookLog(*limit, *before);
    if (!entries) {
        write(std::move(responder), errorReply(entries.error()));
        return;
    }
    QJsonArray list;
    for (const WebhookLogEntry& entry : *entries) {
        list.append(ApiJson::webhookLogEntry(entry));
    }
    write(std::move(responder), jsonReply(200, {{QStringLiteral("webhooks"), list}}));
}

void HttpApi::handleReplay(qint64 id, const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (refuseUnlessAuthorized(request, responder, false)) {
        return;
    }
    // Known ids only: the service's own error for a missing row need not be a 404.
    const Result<WebhookLogEntry> entry = reader().webhookLogEntry(id);
    if (!entry) {
        write(std::move(responder), errorReply(entry.error()));
        return;
    }
    Answer answer = defer(std::move(responder));
    m_service->replayWebhook(id, this, [answer, id](Result<WebhookOutcome> outcome) {
        if (!outcome) {
            answer(errorReply(outcome.error()));
            return;
        }
        answer(jsonReply(
            200,
            {{QStringLiteral("id"), id},
             {QStringLiteral("log_id"), outcome->logId},
             {QStringLiteral("verdict"), StoreNames::verdict(outcome->verdict)},
             {QStringLiteral("reason"), outcome->reason.isEmpty() ? QJsonValue() : QJsonValue(outcome->reason)},
             {QStringLiteral("http_status"), outcome->httpStatus}}));
    });
}

void HttpApi::handleVerification(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const Result<QString> challenge = m_service->verificationChallenge(request.query());
    if (!challenge) {
        qCInfo(lcWebhook) << "refused verification handshake:" << challenge.error().code;
        // Whatever the reason (wrong token, missing parameters, not Meta), Meta is told 403.
        Error refusal = challenge.error();
        refusal.kind = Error::Kind::Authentication;
        write(std::move(responder), errorReply(refusal));
        return;
    }
    Reply reply;
    reply.contentType = "text/plain";
    reply.body = challenge->toUtf8();
    write(std::move(responder), reply);
}

void HttpApi::handleWebhook(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    if (!m_accepting) {
        // The provider retries a 503 later, when we run again.
        Reply reply =
            errorReply(Error::unavailable(QStringLiteral("unavailable"), QStringLiteral("FlowChat is shutting down")));
        reply.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
        write(std::move(responder), reply);
        return;
    }
    WebhookRequest webhook = webhookRequest(request, url());

    if (const std::optional<QString> nonce = WebhookSelfTest::nonce(webhook)) {
        const QJsonObject echo{{QStringLiteral("selftest"), *nonce},
                               {QStringLiteral("instance"), m_instanceId},
                               {QStringLiteral("provider"), m_service->providerName()},
                               {QStringLiteral("url"), webhook.url.toString()}};
        const Result<void> verified = m_service->provider()->verifyWebhook(webhook);
        if (!verified) {
            qCInfo(lcWebhook) << "self-test webhook refused:" << verified.error().code;
            write(std::move(responder), errorReply(verified.error(), {}, echo));
            return;
        }
        write(std::move(responder), jsonReply(200, echo));
        return;
    }

    Answer answer = defer(std::move(responder));
    m_service->receiveWebhook(webhook, this, [answer](WebhookOutcome outcome) {
        Reply reply;
        reply.status = outcome.httpStatus;
        reply.contentType = outcome.contentType.isEmpty() ? QByteArray("text/plain") : outcome.contentType;
        reply.body = outcome.body;
        answer(reply);
    });
}

void HttpApi::handleHealth(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const Result<int> schema = reader().schemaVersion();
    QJsonObject body{
        {QStringLiteral("status"), schema && m_accepting ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("provider"), m_service->providerName()},
        {QStringLiteral("database"), schema ? QStringLiteral("ok") : schema.error().message},
        {QStringLiteral("instance"), m_instanceId},
        {QStringLiteral("outbox"), m_service->outboxLength()},
        {QStringLiteral("version"), QStringLiteral(FLOWCHAT_VERSION)}};
    const QString selftest = request.query().queryItemValue(QStringLiteral("selftest"));
    if (!selftest.isEmpty()) {
        body.insert(QStringLiteral("selftest"), selftest);
    }
    write(std::move(responder), jsonReply(schema && m_accepting ? 200 : 503, body));
}
