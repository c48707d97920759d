#pragma once

#include "app/store/MessageReader.h"
#include "app/store/ResultRelay.h"
#include "app/store/StoreTypes.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QThread;

// The store's read side on a thread of its own, so a slow, busy or locked database delays answers
// but never the caller's thread. Same contract as MessageStore's writes: read() returns at once,
// the query runs on the reader thread against its MessageReader, and `done` runs on `context`'s
// thread, dropped if `context` died first. Answers come back in the order the reads were asked.
class StoreReader : public QObject
{
    Q_OBJECT

public:
    explicit StoreReader(QString database, QObject* parent = nullptr);
    // Reads still queued are dropped (their callbacks never run); one already running finishes.
    ~StoreReader() override;

    QString database() const;

    // Any thread. `query` must not capture anything the caller may destroy meanwhile: it runs later
    // on the reader thread, whatever happens to `context`.
    template <typename T>
    void read(QObject* context, std::function<Result<T>(MessageReader&)> query, Callback<T> done)
    {
        auto result = std::make_shared<std::optional<Result<T>>>();
        ResultRelay* relay = nullptr;
        if (context && done) {
            relay = ResultRelay::create(
                context, [result, done = std::move(done)] { done(std::move(**result)); }, m_thread);
        }
        enqueue([result, query = std::move(query)](MessageReader& reader) { *result = query(reader); }, relay);
    }

    // Typed reads for the console: each answers on `context`'s thread, never on the caller's stack.
    void message(qint64 id, QObject* context, Callback<StoredMessage> done);
    // Newest first, before `beforeId` (0: from the newest).
    void conversationPage(
        qint64 conversationId, qint64 beforeId, int limit, QObject* context, Callback<QList<StoredMessage>> done);
    // Oldest first, after `afterId`.
    void conversationPageAfter(
        qint64 conversationId, qint64 afterId, int limit, QObject* context, Callback<QList<StoredMessage>> done);
    void conversations(const ConversationQuery& query, QObject* context, Callback<QList<ConversationSummary>> done);
    void conversation(qint64 id, QObject* context, Callback<ConversationSummary> done);
    void unreadTotal(QObject* context, Callback<int> done);
    void templates(const QString& provider, QObject* context, Callback<QList<StoredTemplate>> done);
    void webhookLog(int limit, QObject* context, Callback<QList<WebhookLogEntry>> done);
    void webhookLogEntry(qint64 id, QObject* context, Callback<WebhookLogEntry> done);
    void deliveryReport(const DeliveryReportQuery& query, QObject* context, Callback<DeliveryReport> done);

    // Tests: every read waits this long on the reader thread first, like a database on a slow share.
    void setReadDelayForTesting(int ms);

private:
    void enqueue(std::function<void(MessageReader&)> run, ResultRelay* relay);

    QString m_path;
    QThread* m_thread = nullptr;
    QObject* m_worker = nullptr; // lives on m_thread: reads are queued to it, so they run in order
    std::unique_ptr<MessageReader> m_reader; // used and destroyed on m_thread only
    std::atomic<int> m_delayMs{0};
    std::atomic<bool> m_stopping{false};
};
