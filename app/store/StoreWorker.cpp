#include "app/store/StoreWorker.h"

#include "app/AppLogging.h"
#include "app/store/ResultRelay.h"
#include "app/store/Schema.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QThread>

namespace
{

constexpr qint64 kEarlyStatusLifetimeMs = 24LL * 60 * 60 * 1000;
constexpr qint64 kPurgeIntervalMs = 10LL * 60 * 1000;
// Per purge: at 10-minute intervals, up to 2.9 million webhook log entries a day.
constexpr int kWebhookLogPurgeRows = 20000;

std::atomic<int> s_connectionCounter{0};
// How often one operation runs when another writer keeps winning the race for its rows.
constexpr int kContentionAttempts = 4;

Error closedError()
{
    return Error::unavailable(QStringLiteral("store.closed"), QStringLiteral("the message store is not open"));
}

} // namespace

StoreWorker::StoreWorker(StoreOptions options, QString origin)
    : m_options(std::move(options))
    , m_dialect(StoreDialect::forDatabase(m_options.path))
    , m_origin(std::move(origin))
    , m_connectionName(QStringLiteral("flowchat.store.writer.%1").arg(++s_connectionCounter))
{
    if (!m_options.clock) {
        m_options.clock = [] {
            return QDateTime::currentMSecsSinceEpoch();
        };
    }
}

StoreWorker::~StoreWorker()
{
    // Anything queued after shutdown never ran; its callers get nothing, but nothing leaks.
    for (StoreOp& op : m_queue) {
        delete op.relay;
    }
}

qint64 StoreWorker::now() const
{
    return m_options.clock();
}

quint64 StoreWorker::transactions() const
{
    return m_transactions.load();
}

quint64 StoreWorker::operations() const
{
    return m_operations.load();
}

void StoreWorker::enqueue(StoreOp op)
{
    bool post = false;
    bool queued = false;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stopped) {
            m_queue.push_back(std::move(op));
            queued = true;
            post = !m_drainPosted;
            m_drainPosted = true;
        }
    }
    if (!queued) {
        op.fail(closedError());
        deliver(op.relay);
        return;
    }
    if (post) {
        QMetaObject::invokeMethod(this, &StoreWorker::drain, Qt::QueuedConnection);
    }
}

void StoreWorker::deliver(ResultRelay* relay)
{
    ResultRelay::send(relay);
}

Result<OpenReport> StoreWorker::openDatabase()
{
    if (m_writer) {
        const int version = Schema::latestVersion();
        return OpenReport{version, version};
    }
    Result<OpenReport> report;
    {
        auto db = m_dialect->open(m_connectionName, StoreDialect::Access::ReadWrite, m_options.busyTimeoutMs);
        if (db) {
            report = Schema::migrate(*db, *m_dialect, now());
            if (report) {
                m_writer = std::make_unique<MessageWriter>(*db, *m_dialect, m_options.clock);
                m_changeReader = std::make_unique<MessageReader>(m_options.path, m_options.busyTimeoutMs);
            } else {
                db->close();
            }
        } else {
            report = Unexpected(db.error());
        }
    }
    if (!report) {
        QSqlDatabase::removeDatabase(m_connectionName);
        qCWarning(lcStore) << "cannot open the message store:" << report.error().message;
        return report;
    }
    qCInfo(lcStore) << "message store open at schema version" << report->version << "(was" << report->versionBefore
                    << ")";
    return report;
}

void StoreWorker::drain()
{
    std::vector<StoreOp> batch;
    bool more = false;
    {
        QMutexLocker lock(&m_mutex);
        const size_t take = std::min(m_queue.size(), size_t(std::max(1, m_options.maxBatch)));
        batch.reserve(take);
        for (size_t i = 0; i < take; ++i) {
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        more = !m_queue.empty();
        // Cleared while taking the batch: whatever arrives during the transaction posts the next drain.
        m_drainPosted = more;
    }
    if (!batch.empty()) {
        runBatch(batch);
    }
    if (more) {
        QMetaObject::invokeMethod(this, &StoreWorker::drain, Qt::QueuedConnection);
    }
}

void StoreWorker::runBatch(std::vector<StoreOp>& batch)
{
    std::optional<Error> unopened;
    if (!m_writer && m_connectionLost) {
        // The server went away under the last batch: each batch tries a new connection until one
        // opens, so writes resume by themselves when the database is back.
        if (Result<OpenReport> reopened = openDatabase(); reopened) {
            m_connectionLost = false;
            qCInfo(lcStore) << "the writer is connected to the database again";
        } else {
            unopened = reopened.error();
        }
    }
    if (!m_writer) {
        for (StoreOp& op : batch) {
            op.fail(unopened.value_or(closedError()));
            deliver(op.relay);
        }
        return;
    }

    std::optional<Error> lost;
    MessageWriter::Changes changes;
    // Another receiver on the same PostgreSQL database may hold rows this batch needs while it
    // waits for rows this batch holds: the server undoes one of the two, and that one runs again
    // from the start, after the other has committed.
    for (int attempt = 1;; ++attempt) {
        bool contention = false;
        changes = {};
        // Most batches have no failing operation: first without a savepoint per operation (two
        // round trips each on PostgreSQL); if one fails, all of it is undone and runs again with
        // them, so the others still commit.
        bool opFailed = false;
        lost = runTransaction(batch, changes, contention, attempt == 1 ? &opFailed : nullptr);
        if (opFailed) {
            changes = {};
            lost = runTransaction(batch, changes, contention, nullptr);
        }
        if (!lost || !contention || attempt == kContentionAttempts) {
            break;
        }
        qCInfo(lcStore) << "a transaction of" << batch.size()
                        << "operations lost a race with another writer; running it again";
    }

    m_operations += batch.size();
    if (lost) {
        qCWarning(lcStore) << "transaction of" << batch.size() << "operations lost:" << lost->message;
        for (StoreOp& op : batch) {
            op.fail(*lost);
        }
        if (m_writer->connectionLost()) {
            // Nothing is retried on the new connection: a COMMIT whose answer was lost may have
            // landed, and the callers were told this batch failed.
            qCWarning(lcStore) << "the writer lost its database connection; the next write connects again";
            closeDatabase();
            m_connectionLost = true;
        }
    } else {
        ++m_transactions;
        qCDebug(lcStore) << "committed" << batch.size() << "operations";
    }
    for (StoreOp& op : batch) {
        deliver(op.relay);
        op.relay = nullptr;
    }
    if (lost) {
        return;
    }
    if (m_readsChangedRows.load(std::memory_order_relaxed)
        && (!changes.messages.isEmpty() || !changes.conversations.isEmpty())) {
        emit committed(changedRows(changes));
    } else if (changes.templates) {
        emit committed(StoreChanges{{}, {}, true});
    }
}

std::optional<Error> StoreWorker::runTransaction(std::vector<StoreOp>& batch,
                                                 MessageWriter::Changes& changes,
                                                 bool& contention,
                                                 bool* opFailed)
{
    if (auto begun = m_writer->begin(); !begun) {
        return begun.error();
    }
    purgeIfDue();
    std::optional<Error> lost;
    const QString name = QStringLiteral("op");
    const bool guarded = opFailed == nullptr;
    for (StoreOp& op : batch) {
        m_writer->changes() = {};
        if (guarded) {
            if (auto opened = m_writer->savepoint(name); !opened) {
                lost = opened.error();
                break;
            }
        }
        const bool ok = op.run(*m_writer);
        if (!ok && m_writer->failedOnContention()) {
            contention = true;
            lost = Error::unavailable(QStringLiteral("store.contention"),
                                      QStringLiteral("another writer held the rows this operation needed"));
            break;
        }
        if (!ok && !guarded) {
            *opFailed = true; // what it wrote cannot be undone alone: the caller runs all again
            lost = Error::unavailable(QStringLiteral("store.retry"), QStringLiteral("an operation failed"));
            break;
        }
        auto closed = !guarded ? Result<void>() : ok ? m_writer->release(name) : m_writer->rollbackTo(name);
        if (!closed) {
            lost = closed.error();
            break;
        }
        if (ok) {
            const MessageWriter::Changes& own = m_writer->changes();
            changes.messages.unite(own.messages);
            changes.conversations.unite(own.conversations);
            changes.templates = changes.templates || own.templates;
            if (own.presence) {
                changes.presence = own.presence;
            }
        }
    }
    if (!lost) {
        if (auto announced = m_writer->announce(changes, m_origin); !announced) {
            lost = announced.error();
            contention = m_writer->failedOnContention();
        }
    }
    if (!lost) {
        if (auto committed = m_writer->commit(); !committed) {
            lost = committed.error();
            contention = m_writer->failedOnContention();
        }
    }
    if (lost) {
        m_writer->rollback();
    }
    return lost;
}

void StoreWorker::setReadsChangedRows(bool read)
{
    m_readsChangedRows.store(read, std::memory_order_relaxed);
}

StoreChanges readChangedRows(MessageReader& reader,
                             const QList<qint64>& messageIds,
                             const QList<qint64>& conversationIds,
                             bool templates)
{
    StoreChanges rows;
    rows.templates = templates;
    if (!messageIds.isEmpty()) {
        if (Result<QList<StoredMessage>> messages = reader.messagesWithIds(messageIds); messages) {
            rows.messages = std::move(*messages);
        } else {
            qCWarning(lcStore) << "could not read the changed messages:" << messages.error().message;
        }
    }
    if (!conversationIds.isEmpty()) {
        if (Result<QList<ConversationSummary>> conversations = reader.conversationsWithIds(conversationIds);
            conversations) {
            rows.conversations = std::move(*conversations);
        } else {
            qCWarning(lcStore) << "could not read the changed conversations:" << conversations.error().message;
        }
    }
    return rows;
}

StoreChanges StoreWorker::changedRows(const MessageWriter::Changes& changes)
{
    return readChangedRows(
        *m_changeReader, changes.messages.values(), changes.conversations.values(), changes.templates);
}

void StoreWorker::purgeIfDue()
{
    const qint64 at = now();
    if (at - m_lastPurge < kPurgeIntervalMs) {
        return;
    }
    m_lastPurge = at;
    const QString name = QStringLiteral("purge");
    if (!m_writer->savepoint(name)) {
        return;
    }
    bool purged = m_writer->purgeEarlyStatuses(at - kEarlyStatusLifetimeMs).has_value();
    if (purged && m_options.webhookLogRetentionMs > 0) {
        purged = m_writer->purgeWebhookLog(at - m_options.webhookLogRetentionMs, kWebhookLogPurgeRows).has_value();
    }
    if (purged) {
        m_writer->release(name);
    } else {
        m_writer->rollbackTo(name);
    }
}

void StoreWorker::closeDatabase()
{
    m_changeReader.reset();
    if (m_writer) {
        m_writer.reset();
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void StoreWorker::shutdown()
{
    for (;;) {
        std::vector<StoreOp> batch;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty()) {
                m_stopped = true;
                m_drainPosted = false;
                break;
            }
            const size_t take = std::min(m_queue.size(), size_t(std::max(1, m_options.maxBatch)));
            for (size_t i = 0; i < take; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runBatch(batch);
    }
    closeDatabase();
    thread()->quit();
}
