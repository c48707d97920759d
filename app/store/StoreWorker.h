#pragma once

#include "app/store/MessageReader.h"
#include "app/store/MessageWriter.h"
#include "app/store/StoreDialect.h"
#include "app/store/StoreOptions.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class ResultRelay;

// The rows a committed transaction changed, read once right after COMMIT, so listeners get values
// and nobody reads the same row again.
struct StoreChanges
{
    QList<StoredMessage> messages;
    QList<ConversationSummary> conversations;
    bool templates = false;
};

// Reads the rows named (one query each; ids no longer found are left out, a failed read is logged
// and left out too): for the writer after its commits and the listener after other processes'.
StoreChanges readChangedRows(MessageReader& reader,
                             const QList<qint64>& messageIds,
                             const QList<qint64>& conversationIds,
                             bool templates);

// One queued write. run() stores its own result and says whether it succeeded; fail() overwrites
// that result when the whole transaction is lost. relay (may be null) reports back after COMMIT.
struct StoreOp
{
    std::function<bool(MessageWriter&)> run;
    std::function<void(const Error&)> fail;
    ResultRelay* relay = nullptr;
};

// Owns the writer connection on the writer thread and group-commits: everything queued while a
// transaction runs goes into the next one, each operation inside its own savepoint so one failure
// does not undo the others.
class StoreWorker : public QObject
{
    Q_OBJECT

public:
    // `origin` names this store in the changes it announces to other processes (team mode).
    StoreWorker(StoreOptions options, QString origin);
    ~StoreWorker() override;

    // Any thread.
    void enqueue(StoreOp op);
    // Whether committed() carries the changed rows: reading them costs a fifth of the writer's
    // time under webhook load, so only while someone shows them (off at first).
    void setReadsChangedRows(bool read);
    quint64 transactions() const;
    quint64 operations() const;

    // Writer thread only.
    Result<OpenReport> openDatabase();
    // Runs what is still queued, closes the connection and stops the thread's event loop.
    void shutdown();
    static void deliver(ResultRelay* relay);

signals:
    // After COMMIT, with the rows the transaction changed.
    void committed(const StoreChanges& changes);

private:
    void drain();
    void runBatch(std::vector<StoreOp>& batch);
    // One attempt at the batch in one transaction; gives what lost it (nothing: committed).
    // `contention`: lost to another writer, so running it again may succeed.
    // `opFailed` null: each operation inside its own savepoint. Otherwise none, and an operation
    // that fails sets it and loses the whole attempt (to be run again with savepoints).
    std::optional<Error>
    runTransaction(std::vector<StoreOp>& batch, MessageWriter::Changes& changes, bool& contention, bool* opFailed);
    void purgeIfDue();
    void closeDatabase();
    // Reads the changed rows (ids no longer found, such as a deleted row, are left out).
    StoreChanges changedRows(const MessageWriter::Changes& changes);
    qint64 now() const;

    StoreOptions m_options;
    std::unique_ptr<StoreDialect> m_dialect;
    QString m_origin;
    QString m_connectionName;
    std::unique_ptr<MessageWriter> m_writer;
    std::unique_ptr<MessageReader> m_changeReader; // the changed rows, on a connection of its own
    std::atomic<bool> m_readsChangedRows{false};
    qint64 m_lastPurge = 0;
    bool m_connectionLost = false; // writer thread only

    mutable QMutex m_mutex;
    std::deque<StoreOp> m_queue;
    bool m_drainPosted = false;
    bool m_stopped = false;

    std::atomic<quint64> m_transactions{0};
    std::atomic<quint64> m_operations{0};
};
