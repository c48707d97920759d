#include "app/service/WebhookIngest.h"

#include "app/AppLogging.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "providers/Callback.h"

#include <QJsonObject>

namespace
{

// Twilio's "no automatic reply" (wire reference §3.3).
const QByteArray kEmptyTwiml = QByteArrayLiteral(R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)");

// The request headers worth keeping in the webhook log: what signature checks and the webhook
// doctor need. Authorization and cookies never qualify.
const QList<QByteArray>& loggedHeaders()
{
    static const QList<QByteArray> names{
        "content-type",
        "content-length",
        "user-agent",
        "host",
        "x-twilio-signature",
        "i-twilio-idempotency-token",
        "x-hub-signature-256",
        "x-hub-signature",
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-forwarded-host",
        "x-forwarded-port",
    };
    return names;
}

QJsonObject headersToLog(const WebhookRequest& request)
{
    QJsonObject out;
    for (const auto& [name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (loggedHeaders().contains(lower)) {
            out.insert(QString::fromLatin1(lower), QString::fromLatin1(value));
        }
    }
    return out;
}

QList<QPair<QByteArray, QByteArray>> headersFromLog(const QJsonObject& headers)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        out.append({it.key().toLatin1(), it.value().toString().toLatin1()});
    }
    return out;
}

bool isStoreUnavailable(const Error& error)
{
    return error.retryable || error.kind == Error::Kind::Internal || error.kind == Error::Kind::Unavailable;
}

WebhookOutcome plainOutcome(int status, const QByteArray& body, WebhookLogEntry::Verdict verdict, const QString& reason)
{
    WebhookOutcome outcome;
    outcome.httpStatus = status;
    outcome.contentType = "text/plain";
    outcome.body = body;
    outcome.verdict = verdict;
    outcome.reason = reason;
    return outcome;
}

} // namespace

struct WebhookIngest::Job
{
    QPointer<QObject> context;
    std::function<void(WebhookOutcome)> done;
    WebhookLogEntry entry;
};

WebhookIngest::WebhookIngest(MessageStore* store, MessageReader* reader, Provider* provider, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_reader(reader)
    , m_provider(provider)
{
}

WebhookIngest::~WebhookIngest() = default;

void WebhookIngest::receive(const WebhookRequest& request, QObject* context, std::function<void(WebhookOutcome)> done)
{
    process(request, 0, context, std::move(done));
}

void WebhookIngest::process(const WebhookRequest& request,
                            qint64 replayOf,
                            QObject* context,
                            std::function<void(WebhookOutcome)> done)
{
    auto job = std::make_shared<Job>();
    job->context = context;
    job->done = std::move(done);
    job->entry.provider = m_provider ? m_provider->name() : QString();
    job->entry.headers = headersToLog(request);
    job->entry.body = request.body;
    job->entry.url = request.url.toString();
    const QString replayNote = replayOf > 0 ? QStringLiteral("replay of #%1").arg(replayOf) : QString();

    if (!m_provider) {
        finish(job, plainOutcome(503, "no provider", WebhookLogEntry::Verdict::Invalid, QStringLiteral("no provider")));
        return;
    }

    if (const Result<void> verified = m_provider->verifyWebhook(request); !verified) {
        const QString reason = verified.error().message.isEmpty() ? verified.error().code : verified.error().message;
        qCWarning(lcWebhook) << "refused a" << job->entry.provider << "webhook:" << reason;
        job->entry.verdict = WebhookLogEntry::Verdict::Refused;
        job->entry.reason = replayNote.isEmpty() ? reason : replayNote + QStringLiteral(": ") + reason;
        emit refused(reason);
        WebhookOutcome outcome = plainOutcome(403, "Forbidden", WebhookLogEntry::Verdict::Refused, reason);
        m_store->appendWebhookLog(job->entry, this, [this, job, outcome](Result<qint64> logged) mutable {
            outcome.logId = logged ? *logged : 0;
            finish(job, outcome);
        });
        return;
    }

    const Result<QList<WebhookEvent>> events = m_provider->parseWebhook(request);
    if (!events) {
        const QString reason = events.error().message.isEmpty() ? events.error().code : events.error().message;
        qCWarning(lcWebhook) << "could not parse a" << job->entry.provider << "webhook:" << reason;
        job->entry.verdict = WebhookLogEntry::Verdict::Invalid;
        job->entry.reason = replayNote.isEmpty() ? reason : replayNote + QStringLiteral(": ") + reason;
        WebhookOutcome outcome = plainOutcome(400, "Bad Request", WebhookLogEntry::Verdict::Invalid, reason);
        m_store->appendWebhookLog(job->entry, this, [this, job, outcome](Result<qint64> logged) mutable {
            outcome.logId = logged ? *logged : 0;
            finish(job, outcome);
        });
        return;
    }

    job->entry.verdict = WebhookLogEntry::Verdict::Accepted;
    job->entry.reason = replayNote;
    bool inbound = false;
    for (const WebhookEvent& event : *events) {
        inbound = inbound || std::holds_alternative<InboundMessage>(event);
    }
    const bool twiml = inbound && job->entry.provider == QLatin1String("twilio");
    const int count = static_cast<int>(events->size());
    // Answered only after the commit: an acknowledged webhook is never lost.
    m_store->applyWebhook(*events, job->entry, this, [this, job, twiml, count](Result<WebhookApplied> applied) {
        if (!applied) {
            const bool busy = isStoreUnavailable(applied.error());
            qCWarning(lcWebhook) << "could not store a webhook; answering" << (busy ? 503 : 500)
                                 << "so the provider retries:" << applied.error().code << applied.error().message;
            WebhookOutcome outcome = plainOutcome(busy ? 503 : 500,
                                                  "Store unavailable, retry later",
                                                  WebhookLogEntry::Verdict::Accepted,
                                                  applied.error().message);
            finish(job, outcome);
            return;
        }
        int refusedEvents = 0;
        for (const WebhookEventResult& result : applied->events) {
            if (result.error) {
                ++refusedEvents;
            }
        }
        qCDebug(lcWebhook) << "webhook" << applied->logId << "stored:" << count << "events," << refusedEvents
                           << "refused";
        WebhookOutcome outcome =
            twiml ? WebhookOutcome{200, "text/xml", kEmptyTwiml, 0, WebhookLogEntry::Verdict::Accepted, {}}
                  : plainOutcome(200, "OK", WebhookLogEntry::Verdict::Accepted, {});
        outcome.logId = applied->logId;
        finish(job, outcome);
    });
}

void WebhookIngest::finish(std::shared_ptr<Job> job, WebhookOutcome outcome)
{
    if (!job->context || !job->done) {
        return;
    }
    QMetaObject::invokeMethod(
        job->context.data(), [done = job->done, outcome = std::move(outcome)] { done(outcome); }, Qt::QueuedConnection);
}

Result<QString> WebhookIngest::verificationChallenge(const QUrlQuery& query) const
{
    if (!m_provider) {
        return Unexpected(Error::make(Error::Kind::Configuration,
                                      QStringLiteral("not_meta"),
                                      QStringLiteral("The hub.* verification handshake is Meta's; the active "
                                                     "provider is none")));
    }
    return m_provider->verificationChallenge(query);
}

void WebhookIngest::replay(qint64 logId, QObject* context, Callback<WebhookOutcome> done)
{
    const QPointer<QObject> ctx(context);
    const Result<WebhookLogEntry> entry = m_reader->webhookLogEntry(logId);
    if (!entry) {
        deliverLater<WebhookOutcome>(ctx, done, Unexpected(entry.error()));
        return;
    }
    const QString active = m_provider ? m_provider->name() : QString();
    if (entry->provider != active) {
        deliverLater<WebhookOutcome>(
            ctx,
            done,
            Unexpected(Error::make(Error::Kind::Conflict,
                                   QStringLiteral("replay.provider"),
                                   QStringLiteral("webhook %1 came for %2; the active provider is %3")
                                       .arg(logId)
                                       .arg(entry->provider, active))));
        return;
    }
    WebhookRequest request;
    request.url = QUrl(entry->url);
    request.headers = headersFromLog(entry->headers);
    request.body = entry->body;
    qCInfo(lcWebhook) << "replaying webhook" << logId;
    // Verified again: a forged request in the log must not get in through a replay.
    process(request, logId, this, [ctx, done](WebhookOutcome outcome) {
        deliverLater<WebhookOutcome>(ctx, done, std::move(outcome));
    });
}
