#include "app/service/Outbox.h"

#include "app/AppLogging.h"
#include "app/store/MessageStore.h"
#include "providers/Provider.h"

#include <QScopeGuard>

#include <algorithm>
#include <limits>

namespace
{

// A row that is gone or no longer pending is dropped; anything else is a database hiccup.
bool isGone(const Error& error)
{
    return error.kind == Error::Kind::NotFound || error.kind == Error::Kind::Conflict;
}

bool isConfigurationProblem(const Error& error)
{
    return error.kind == Error::Kind::Authentication || error.kind == Error::Kind::Configuration;
}

bool isTransient(const Error& error)
{
    return error.retryable || error.kind == Error::Kind::RateLimited || error.kind == Error::Kind::ServerError
           || error.kind == Error::Kind::Network;
}

} // namespace

Outbox::Outbox(MessageStore* store, Provider* provider, OutboxOptions options, OutboxLoader loader, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_provider(provider)
    , m_options(std::move(options))
    , m_loader(std::move(loader))
    , m_limiter(m_options.rate)
    , m_backoff(m_options.backoff, m_options.seed)
{
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_clock.start();
    m_wake.setSingleShot(true);
    m_wake.setTimerType(Qt::PreciseTimer);
    connect(&m_wake, &QTimer::timeout, this, &Outbox::pump);
}

Outbox::~Outbox() = default;

const OutboxOptions& Outbox::options() const
{
    return m_options;
}

qint64 Outbox::now() const
{
    return m_clock.elapsed();
}

void Outbox::start()
{
    m_started = true;
    m_stopping = false;
    qCInfo(lcOutbox) << "outbox started:" << m_options.rate << "msg/s," << m_options.concurrency << "in flight,"
                     << length() << "queued";
    pump();
}

void Outbox::enqueue(qint64 id, std::optional<OutgoingMessage> message)
{
    if (id <= 0 || m_known.contains(id)) {
        return;
    }
    m_known.insert(id);
    m_ready.push_back(Entry{id, std::move(message), 0});
    notifyLength();
    // Let the caller finish its turn first; many enqueues then share one pump.
    QMetaObject::invokeMethod(this, &Outbox::pump, Qt::QueuedConnection);
}

bool Outbox::forget(qint64 id)
{
    if (!m_known.contains(id) || m_inFlight.contains(id)) {
        return false;
    }
    const auto ready = std::find_if(m_ready.begin(), m_ready.end(), [id](const Entry& e) { return e.id == id; });
    if (ready != m_ready.end()) {
        m_ready.erase(ready);
    } else {
        const auto waiting =
            std::find_if(m_waiting.begin(), m_waiting.end(), [id](const auto& e) { return e.second.id == id; });
        if (waiting == m_waiting.end()) {
            return false;
        }
        m_waiting.erase(waiting);
    }
    m_known.remove(id);
    notifyLength();
    return true;
}

void Outbox::pause()
{
    if (!m_paused) {
        m_paused = true;
        qCWarning(lcOutbox) << "outbox paused with" << length() << "messages";
    }
}

void Outbox::resume()
{
    if (m_paused) {
        m_paused = false;
        qCInfo(lcOutbox) << "outbox resumed";
        pump();
    }
}

bool Outbox::isPaused() const
{
    return m_paused;
}

void Outbox::stop(QObject* context, std::function<void()> done)
{
    m_stopping = true;
    m_wake.stop();
    m_stopContext = context;
    m_stopDone = std::move(done);
    qCInfo(lcOutbox) << "outbox stopping;" << m_inFlight.size() << "requests in flight";
    finishStopIfIdle();
}

int Outbox::length() const
{
    return static_cast<int>(m_ready.size() + m_waiting.size()) + static_cast<int>(m_inFlight.size());
}

int Outbox::inFlight() const
{
    return static_cast<int>(m_holdingSlot.size());
}

int Outbox::markedAheadLimit() const
{
    return std::max(1, m_options.concurrency / 4);
}

bool Outbox::hasRoomToMark() const
{
    const qsizetype taken = m_holdingSlot.size() + m_marking.size() + qsizetype(m_marked.size());
    return taken < m_options.concurrency + markedAheadLimit();
}

void Outbox::promoteDue()
{
    const qint64 t = now();
    while (!m_waiting.empty() && m_waiting.begin()->first <= t) {
        m_ready.push_back(std::move(m_waiting.begin()->second));
        m_waiting.erase(m_waiting.begin());
    }
    for (auto it = m_recipientHold.begin(); it != m_recipientHold.end();) {
        it = it.value() <= t ? m_recipientHold.erase(it) : std::next(it);
    }
}

bool Outbox::ensureLoaded(Entry& entry)
{
    if (entry.message) {
        return true;
    }
    if (!m_loader) {
        return false;
    }
    Result<OutgoingMessage> loaded = m_loader(entry.id);
    if (loaded) {
        entry.message = std::move(*loaded);
        return true;
    }
    if (isGone(loaded.error())) {
        qCDebug(lcOutbox) << "message" << entry.id << "is no longer pending:" << loaded.error().message;
    } else {
        qCWarning(lcOutbox) << "could not load message" << entry.id << ":" << loaded.error().code
                            << loaded.error().message;
    }
    return false;
}

bool Outbox::recipientHeld(const Entry& entry) const
{
    return !m_recipientHold.isEmpty() && entry.message && m_recipientHold.contains(entry.message->to);
}

void Outbox::pump()
{
    launchMarked();
    if (!m_started || m_paused || m_stopping || !m_provider) {
        return;
    }
    promoteDue();
    QList<qint64> dropped; // announced after the loop: a listener may enqueue
    while (hasRoomToMark() && !m_ready.empty()) {
        // The first message whose recipient may be written to now (Meta's pair rate, §11). Found by
        // flag, not by comparing with end(): an erase below invalidates an end() taken earlier.
        auto candidate = m_ready.begin();
        bool found = false;
        for (auto it = m_ready.begin(); it != m_ready.end();) {
            if (!ensureLoaded(*it)) {
                m_known.remove(it->id);
                dropped << it->id;
                it = m_ready.erase(it);
                continue;
            }
            if (!recipientHeld(*it)) {
                candidate = it;
                found = true;
                break;
            }
            ++it;
        }
        if (!found) {
            break;
        }
        if (!m_limiter.tryAcquire(now())) {
            break;
        }
        Entry entry = std::move(*candidate);
        m_ready.erase(candidate);
        dispatch(std::move(entry));
    }
    notifyLength();
    scheduleWake();
    for (const qint64 id : std::as_const(dropped)) {
        emit messageSettled(id, MessageStatus::Unknown);
    }
}

void Outbox::scheduleWake()
{
    if (!m_started || m_paused || m_stopping) {
        return;
    }
    const qint64 t = now();
    qint64 next = std::numeric_limits<qint64>::max();
    if (!m_ready.empty() && hasRoomToMark()) {
        const qint64 wait = m_limiter.msUntilAvailable(t);
        if (wait > 0) {
            next = std::min(next, t + wait);
        }
    }
    if (!m_waiting.empty()) {
        next = std::min(next, m_waiting.begin()->first);
    }
    if (!m_ready.empty()) {
        for (const qint64 until : std::as_const(m_recipientHold)) {
            next = std::min(next, until);
        }
    }
    if (next == std::numeric_limits<qint64>::max()) {
        m_wake.stop();
        return;
    }
    const qint64 delay = std::max<qint64>(0, next - t);
    if (!m_wake.isActive() || m_wake.remainingTime() > delay) {
        m_wake.start(static_cast<int>(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    }
}

void Outbox::dispatch(Entry entry)
{
    const qint64 id = entry.id;
    m_inFlight.insert(id);
    m_marking.insert(id);
    // `sending` is committed before the request leaves: after a crash it becomes `unknown`, never resent.
    m_store->markSending(
        id, m_provider->name(), this, [this, entry = std::move(entry)](Result<MessageUpdate> marked) mutable {
            m_marking.remove(entry.id);
            if (!marked) {
                if (isGone(marked.error())) {
                    qCDebug(lcOutbox) << "message" << entry.id << "not sent:" << marked.error().message;
                    settle(entry.id, MessageStatus::Unknown);
                } else {
                    qCWarning(lcOutbox) << "could not mark message" << entry.id << "as sending:" << marked.error().code
                                        << marked.error().message;
                    m_inFlight.remove(entry.id);
                    const qint64 delay = m_backoff.delayMs(entry.attempts + 1, marked.error());
                    m_waiting.emplace(now() + delay, std::move(entry));
                    finishStopIfIdle();
                    pump();
                }
                return;
            }
            if (!marked->changed) {
                // It was `sending` already: someone else has it. Sending again could duplicate it.
                qCWarning(lcOutbox) << "message" << entry.id << "was already sending; not sent again";
                settle(entry.id, marked->status);
                return;
            }
            m_marked.push_back(std::move(entry));
            launchMarked();
        });
}

// Marked messages go out as slots free, even while pausing or stopping: they are committed as
// `sending`, and one left unsent would wait for the operator as `unknown`.
void Outbox::launchMarked()
{
    while (!m_marked.empty() && m_holdingSlot.size() < m_options.concurrency) {
        Entry entry = std::move(m_marked.front());
        m_marked.pop_front();
        if (!m_provider) {
            settle(entry.id, MessageStatus::Sending);
            continue;
        }
        m_holdingSlot.insert(entry.id);
        OutgoingMessage message = *entry.message;
        if (message.localId.isEmpty()) {
            message.localId = QString::number(entry.id);
        }
        qCDebug(lcOutbox) << "sending message" << entry.id << "attempt" << entry.attempts + 1;
        m_provider->send(message, this, [this, entry = std::move(entry)](Result<SendAccepted> sent) mutable {
            onSent(std::move(entry), sent);
        });
    }
}

void Outbox::onSent(Entry entry, const Result<SendAccepted>& result)
{
    const qint64 id = entry.id;
    m_holdingSlot.remove(id);
    // The provider answered: the next message may go out while this outcome is committed.
    const auto pumpAfterwards = qScopeGuard([this] { pump(); });
    if (result) {
        m_store->recordSendAccepted(
            id, *result, this, [this, id, providerId = result->providerMessageId](Result<MessageUpdate> r) {
                if (!r) {
                    // The provider has it; the row stays `sending` and becomes `unknown` at the next start.
                    qCWarning(lcOutbox) << "message" << id << "accepted as" << providerId
                                        << "but recording it failed:" << r.error().code << r.error().message;
                    settle(id, MessageStatus::Sending);
                    return;
                }
                qCDebug(lcOutbox) << "message" << id << "accepted as" << providerId;
                settle(id, r->status);
            });
        return;
    }

    const Error& error = result.error();
    auto settleWith = [this, id](MessageStatus expected) {
        return [this, id, expected](Result<MessageUpdate> r) {
            if (!r) {
                qCWarning(lcOutbox) << "could not record the outcome of message" << id << ":" << r.error().code
                                    << r.error().message;
            }
            settle(id, r ? r->status : expected);
        };
    };

    if (error.kind == Error::Kind::Timeout) {
        // The request left and no answer came: it may have been sent. Never resend it on our own.
        qCWarning(lcOutbox) << "message" << id << "timed out; outcome unknown, waiting for the operator";
        m_store->markUnknown(
            id,
            QStringLiteral("No answer from the provider in time: the message may or may not have been sent"),
            this,
            settleWith(MessageStatus::Unknown));
        return;
    }
    if (isConfigurationProblem(error)) {
        qCWarning(lcOutbox) << "message" << id << "refused for configuration or credentials:" << error.code
                            << error.message;
        m_store->recordSendFailed(id, error, this, settleWith(MessageStatus::Failed));
        if (!m_paused) {
            pause();
            emit providerProblem(error);
        }
        return;
    }
    if (isTransient(error)) {
        if (m_backoff.mayRetry(entry.attempts + 1)) {
            retryLater(std::move(entry), error);
            return;
        }
        qCWarning(lcOutbox) << "message" << id << "failed after" << entry.attempts + 1 << "attempts:" << error.code;
        Error last = error;
        last.message = QStringLiteral("Gave up after %1 attempts: %2").arg(entry.attempts + 1).arg(error.message);
        m_store->recordSendFailed(id, last, this, settleWith(MessageStatus::Failed));
        return;
    }
    qCInfo(lcOutbox) << "message" << id << "refused:" << error.code << error.message;
    m_store->recordSendFailed(id, error, this, settleWith(MessageStatus::Failed));
}

void Outbox::retryLater(Entry entry, const Error& error)
{
    ++entry.attempts;
    const qint64 delay = m_backoff.delayMs(entry.attempts, error);
    if (Backoff::isPairRateLimit(error) && entry.message) {
        m_recipientHold.insert(entry.message->to, now() + delay);
    }
    qCInfo(lcOutbox) << "message" << entry.id << "will be retried in" << delay << "ms after" << error.code;
    const qint64 id = entry.id;
    m_store->recordSendRetry(id, error, this, [this, entry = std::move(entry), delay](Result<MessageUpdate> r) mutable {
        m_inFlight.remove(entry.id);
        m_holdingSlot.remove(entry.id);
        if (!r) {
            // Still `sending` in the store: it becomes `unknown` at the next start rather than risk a duplicate.
            qCWarning(lcOutbox) << "could not put message" << entry.id << "back to pending:" << r.error().code;
            m_known.remove(entry.id);
            emit messageSettled(entry.id, MessageStatus::Sending);
        } else {
            m_waiting.emplace(now() + delay, std::move(entry));
        }
        notifyLength();
        finishStopIfIdle();
        pump();
    });
}

void Outbox::settle(qint64 id, MessageStatus status)
{
    m_inFlight.remove(id);
    m_holdingSlot.remove(id);
    m_known.remove(id);
    emit messageSettled(id, status);
    notifyLength();
    finishStopIfIdle();
    pump();
}

void Outbox::notifyLength()
{
    const int current = length();
    if (current != m_lastLength) {
        m_lastLength = current;
        emit lengthChanged(current);
    }
}

void Outbox::finishStopIfIdle()
{
    if (!m_stopping || !m_inFlight.isEmpty() || !m_stopDone) {
        return;
    }
    qCInfo(lcOutbox) << "outbox stopped;" << length() << "messages stay pending";
    auto done = std::move(m_stopDone);
    m_stopDone = nullptr;
    if (m_stopContext) {
        QMetaObject::invokeMethod(m_stopContext.data(), std::move(done), Qt::QueuedConnection);
    }
}
