#include "providers/emulator/EmulatorBase.h"

#include "providers/ProviderLogging.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace
{

// A timed-out request is held this long at most, then the connection is closed.
constexpr int kHeldRequestMs = 120'000;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    default:
        return "OTHER";
    }
}

void writeResponse(QHttpServerResponder&& responder, const EmulatorResponse& response)
{
    QHttpServerResponse out(
        response.contentType, response.body, static_cast<QHttpServerResponse::StatusCode>(response.status));
    for (const auto& [name, value] : response.headers) {
        out.setHeader(name, value);
    }
    out.write(std::move(responder));
}

} // namespace

Result<FaultSpec> FaultSpec::parse(const QString& text)
{
    // The argument is lazy so that "429:1x1" leaves "x1" to the count.
    static const QRegularExpression grammar(
        QStringLiteral(R"(^(timeout|reset|error|\d{3})(?::([\w.]+?))?(?:@([0-9.]+)|x(\d+))?$)"));
    const QRegularExpressionMatch match = grammar.match(text.trimmed());
    if (!match.hasMatch()) {
        return Unexpected(Error::validation(QStringLiteral("fault"),
                                            QStringLiteral("fault must look like 500, 429:2x1, error:131047@0.1, "
                                                           "timeout or reset; got '%1'")
                                                .arg(text)));
    }
    FaultSpec spec;
    const QString kind = match.captured(1);
    const QString arg = match.captured(2);
    if (kind == QLatin1String("timeout")) {
        spec.kind = Kind::Timeout;
    } else if (kind == QLatin1String("reset")) {
        spec.kind = Kind::Reset;
    } else if (kind == QLatin1String("error")) {
        if (arg.isEmpty()) {
            return Unexpected(
                Error::validation(QStringLiteral("fault"), QStringLiteral("error needs a code: error:131047")));
        }
        spec.kind = Kind::ProviderError;
        spec.providerCode = arg;
    } else {
        spec.kind = Kind::HttpStatus;
        spec.httpStatus = kind.toInt();
        if (!arg.isEmpty()) {
            spec.retryAfterSeconds = arg.toInt();
        }
    }
    if (!match.captured(3).isEmpty()) {
        spec.rate = std::clamp(match.captured(3).toDouble(), 0.0, 1.0);
    }
    if (!match.captured(4).isEmpty()) {
        spec.remaining = match.captured(4).toInt();
    }
    return spec;
}

EmulatorResponse EmulatorResponse::json(int status, const QJsonObject& object)
{
    EmulatorResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

EmulatorBase::EmulatorBase(EmulatorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed ? QRandomGenerator(m_options.seed)
                              : QRandomGenerator(QRandomGenerator::global()->generate()))
{
    m_faults = m_options.faults;
    m_server.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        dispatch(request, std::move(responder));
    });
    registerAdminRoutes();
}

EmulatorBase::~EmulatorBase() = default;

quint16 EmulatorBase::listen()
{
    m_port = m_server.listen(m_options.address, m_options.port);
    if (m_port == 0) {
        qCWarning(lcEmulator) << "could not listen on" << m_options.address << m_options.port;
    }
    return m_port;
}

QUrl EmulatorBase::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_options.address.toString());
    url.setPort(m_port);
    return url;
}

const EmulatorOptions& EmulatorBase::options() const
{
    return m_options;
}

void EmulatorBase::addFault(const FaultSpec& fault)
{
    m_faults.append(fault);
}

void EmulatorBase::clearFaults()
{
    m_faults.clear();
}

void EmulatorBase::setWindowOpen(const QString& contactDigits, bool open)
{
    m_windowOverride.insert(contactDigits, open);
}

bool EmulatorBase::isWindowOpen(const QString& contactDigits) const
{
    const auto override = m_windowOverride.constFind(contactDigits);
    if (override != m_windowOverride.cend()) {
        return *override;
    }
    if (!m_options.closedWindows) {
        return true;
    }
    const QDateTime last = m_lastInbound.value(contactDigits);
    return last.isValid() && last.secsTo(QDateTime::currentDateTimeUtc()) < 24 * 3600;
}

QJsonArray EmulatorBase::acceptedMessages() const
{
    return m_accepted;
}

void EmulatorBase::addRoute(const QByteArray& method, const QString& pattern, Handler handler, RouteKind kind)
{
    m_routes.append(
        {method, QRegularExpression(QRegularExpression::anchoredPattern(pattern)), std::move(handler), kind});
}

void EmulatorBase::recordAccepted(const QJsonObject& message)
{
    m_accepted.append(message);
    emit messageAccepted(message);
}

void EmulatorBase::noteInbound(const QString& contactDigits)
{
    m_lastInbound.insert(contactDigits, QDateTime::currentDateTimeUtc());
    m_windowOverride.remove(contactDigits);
}

QRandomGenerator& EmulatorBase::random()
{
    return m_random;
}

QString EmulatorBase::randomHex(int chars)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(chars);
    for (int i = 0; i < chars; ++i) {
        out.append(QLatin1Char(digits[m_random.bounded(16)]));
    }
    return out;
}

std::optional<FaultSpec> EmulatorBase::takeFault()
{
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (it->remaining > 0) {
            FaultSpec fault = *it;
            if (--it->remaining == 0) {
                m_faults.erase(it);
            }
            return fault;
        }
        if (it->remaining < 0 && m_random.generateDouble() < it->rate) {
            return *it;
        }
    }
    return std::nullopt;
}

void EmulatorBase::dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const QByteArray method = methodName(request.method());
    const QString path = request.url().path();
    const Route* route = nullptr;
    QRegularExpressionMatch match;
    for (const Route& candidate : std::as_const(m_routes)) {
        if (candidate.method != method) {
            continue;
        }
        match = candidate.pattern.match(path);
        if (match.hasMatch()) {
            route = &candidate;
            break;
        }
    }
    if (!route) {
        writeResponse(std::move(responder), notFound(request));
        return;
    }
    if (route->kind == RouteKind::Admin) {
        writeResponse(std::move(responder), route->handler(request, match));
        return;
    }

    // The responder keeps a raw socket pointer in Qt 6.4: answer later only while the socket lives.
    QPointer<QTcpSocket> socket(responder.socket());
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const std::optional<FaultSpec> fault = takeFault();
    if (fault && fault->kind == FaultSpec::Kind::Reset) {
        qCDebug(lcEmulator) << "fault: reset" << method << path;
        QTimer::singleShot(0, this, [socket, held] {
            if (socket) {
                socket->abort();
            }
        });
        return;
    }
    if (fault && fault->kind == FaultSpec::Kind::Timeout) {
        qCDebug(lcEmulator) << "fault: timeout" << method << path;
        QTimer::singleShot(kHeldRequestMs, this, [socket, held] {
            if (socket) {
                socket->abort();
            }
        });
        return;
    }

    EmulatorResponse response = fault ? faultResponse(*fault) : route->handler(request, match);
    if (fault) {
        qCDebug(lcEmulator) << "fault:" << response.status << method << path;
        if (fault->retryAfterSeconds >= 0) {
            response.headers.append({"Retry-After", QByteArray::number(fault->retryAfterSeconds)});
        }
    }
    auto send = [socket, held, response] {
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            writeResponse(std::move(*held), response);
        }
    };
    if (m_options.latencyMs > 0) {
        QTimer::singleShot(m_options.latencyMs, this, send);
    } else {
        send();
    }
}

void EmulatorBase::registerAdminRoutes()
{
    addRoute(
        "GET",
        QStringLiteral("/"),
        [](const QHttpServerRequest&, const QRegularExpressionMatch&) {
            return EmulatorResponse::json(200, {{QStringLiteral("emulator"), QStringLiteral("flowchat")}});
        },
        RouteKind::Admin);
    addRoute(
        "POST",
        QStringLiteral("/_emulator/inbound"),
        [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
            const QJsonDocument doc = QJsonDocument::fromJson(request.body());
            if (!doc.isObject() || doc.object().value(QStringLiteral("from")).toString().isEmpty()) {
                return EmulatorResponse::json(
                    400, {{QStringLiteral("error"), QStringLiteral("body must be JSON with at least 'from'")}});
            }
            return simulateInbound(doc.object());
        },
        RouteKind::Admin);
    addRoute(
        "POST",
        QStringLiteral("/_emulator/faults"),
        [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            if (body.value(QStringLiteral("clear")).toBool()) {
                clearFaults();
            }
            const QString spec = body.value(QStringLiteral("fault")).toString();
            if (!spec.isEmpty()) {
                const Result<FaultSpec> fault = FaultSpec::parse(spec);
                if (!fault) {
                    return EmulatorResponse::json(400, {{QStringLiteral("error"), fault.error().message}});
                }
                addFault(*fault);
            }
            return EmulatorResponse::json(200, {{QStringLiteral("faults"), static_cast<int>(m_faults.size())}});
        },
        RouteKind::Admin);
    addRoute(
        "POST",
        QStringLiteral("/_emulator/window"),
        [this](const QHttpServerRequest& request, const QRegularExpressionMatch&) {
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            QString contact = body.value(QStringLiteral("contact")).toString();
            contact.remove(QRegularExpression(QStringLiteral("\\D")));
            setWindowOpen(contact, body.value(QStringLiteral("open")).toBool());
            return EmulatorResponse::json(200, {{QStringLiteral("contact"), contact}});
        },
        RouteKind::Admin);
    addRoute(
        "GET",
        QStringLiteral("/_emulator/messages"),
        [this](const QHttpServerRequest&, const QRegularExpressionMatch&) {
            return EmulatorResponse::json(200, {{QStringLiteral("messages"), m_accepted}});
        },
        RouteKind::Admin);
}

void EmulatorBase::deliver(const OutgoingWebhook& webhook, int delayMs)
{
    if (!webhook.url.isValid() || webhook.url.isEmpty()) {
        return;
    }
    QTimer::singleShot(std::max(0, delayMs), this, [this, webhook] { attempt(webhook, 0); });
}

void EmulatorBase::deliverStatuses(QList<OutgoingWebhook> sequence)
{
    if (m_options.outOfOrder && sequence.size() > 1) {
        std::reverse(sequence.begin(), sequence.end());
    }
    int slot = 1;
    for (const OutgoingWebhook& webhook : std::as_const(sequence)) {
        deliver(webhook, slot * m_options.statusDelayMs);
        if (m_options.duplicates) {
            deliver(webhook, slot * m_options.statusDelayMs + m_options.statusDelayMs / 2);
        }
        ++slot;
    }
}

void EmulatorBase::attempt(OutgoingWebhook webhook, int attemptNo)
{
    QNetworkRequest request(webhook.url);
    for (const auto& [name, value] : webhook.headers) {
        request.setRawHeader(name, value);
    }
    request.setTransferTimeout(10'000);
    QNetworkReply* reply = m_network.post(request, webhook.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, webhook, attemptNo] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        emit webhookDelivered(webhook.url, status);
        if ((status < 200 || status > 299) && attemptNo < webhook.retries) {
            const int backoffMs = 500 * (1 << attemptNo);
            qCDebug(lcEmulator) << "webhook answered" << status << "- retrying in" << backoffMs << "ms";
            QTimer::singleShot(backoffMs, this, [this, webhook, attemptNo] { attempt(webhook, attemptNo + 1); });
        }
    });
}
