#pragma once

#include "app/service/Backoff.h"
#include "app/service/RateLimiter.h"
#include "providers/Message.h"
#include "providers/MessageStatus.h"
#include "providers/Result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <optional>

class MessageStore;
class Provider;

struct OutboxOptions
{
    double rate = 80; // sends per second (FLOWCHAT_SEND_RATE); <= 0: unlimited
    int concurrency = 64; // requests in flight (FLOWCHAT_SEND_CONCURRENCY)
    BackoffPolicy backoff;
    quint32 seed = 0; // jitter; 0: random
};

// Turns a pending row into the message to send; an error drops it from the queue (not pending any more).
using OutboxLoader = std::function<Result<OutgoingMessage>(qint64 id)>;

// Sends pending messages through the provider: rate limited, bounded concurrency, `sending` committed
// just before each request leaves, transient failures retried with backoff, permanent ones failed at
// once, timeouts left `unknown` (never resent on their own). Each id is sent at most once at a time,
// and only again after a transient failure the provider reported. Lives on the provider's thread.
//
// A concurrency slot holds nothing but the HTTP exchange: a few messages beyond the slots are marked
// `sending` ahead, so a freed slot is filled at once instead of after a commit.
class Outbox : public QObject
{
    Q_OBJECT
public:
    Outbox(
        MessageStore* store, Provider* provider, OutboxOptions options, OutboxLoader loader, QObject* parent = nullptr);
    ~Outbox() override;

    const OutboxOptions& options() const;

    // Dispatching begins; messages enqueued before wait until then.
    void start();
    // A committed `pending` row. Without `message` it is loaded when its turn comes. Ids already
    // queued, waiting or in flight are ignored.
    void enqueue(qint64 id, std::optional<OutgoingMessage> message = std::nullopt);
    // Drops a message that is queued or waiting (not in flight); true when it was there.
    bool forget(qint64 id);

    void pause();
    void resume();
    bool isPaused() const;

    // Stops dispatching; `done` runs (on `context`) once every in-flight request and its commit
    // finished. Queued and waiting messages stay `pending` in the store for the next start.
    void stop(QObject* context, std::function<void()> done);

    // Queued + waiting for a retry + in flight.
    int length() const;
    // Requests the provider has not answered yet (what the concurrency limit bounds).
    int inFlight() const;
    // Marked `sending` ahead of a free slot: a quarter of the concurrency at most (one at least),
    // since a crash leaves them `unknown` though they never left.
    int markedAheadLimit() const;

signals:
    void lengthChanged(int length);
    // A configuration or credential problem: the outbox has paused itself.
    void providerProblem(const Error& error);
    // The outbox is done with a message for now (accepted, failed, unknown or dropped).
    void messageSettled(qint64 id, MessageStatus status);

private:
    struct Entry
    {
        qint64 id = 0;
        std::optional<OutgoingMessage> message;
        int attempts = 0; // sends that failed transiently so far
    };

    qint64 now() const;
    void pump();
    void scheduleWake();
    void promoteDue();
    bool ensureLoaded(Entry& entry);
    bool recipientHeld(const Entry& entry) const;
    bool hasRoomToMark() const;
    void dispatch(Entry entry);
    void launchMarked();
    void onSent(Entry entry, const Result<SendAccepted>& result);
    void retryLater(Entry entry, const Error& error);
    void settle(qint64 id, MessageStatus status);
    void notifyLength();
    void finishStopIfIdle();

    MessageStore* m_store;
    QPointer<Provider> m_provider;
    OutboxOptions m_options;
    OutboxLoader m_loader;
    RateLimiter m_limiter;
    Backoff m_backoff;

    std::deque<Entry> m_ready;
    std::multimap<qint64, Entry> m_waiting; // due time (monotonic ms) -> entry
    QSet<qint64> m_inFlight; // taken by the outbox: marking, on the wire, or recording the outcome
    // The concurrency limit is about requests at the provider: a message holds a slot from the
    // moment its request leaves until the provider answers, not while `sending` is committed
    // before it or the answer recorded after it.
    QSet<qint64> m_holdingSlot;
    QSet<qint64> m_marking; // `sending` being committed
    std::deque<Entry> m_marked; // `sending` committed, waiting for a slot
    QSet<qint64> m_known;
    QHash<QString, qint64> m_recipientHold; // recipient -> monotonic ms it may be sent to again

    QElapsedTimer m_clock;
    QTimer m_wake;
    bool m_started = false;
    bool m_paused = false;
    bool m_stopping = false;
    int m_lastLength = 0;
    QPointer<QObject> m_stopContext;
    std::function<void()> m_stopDone;
};
