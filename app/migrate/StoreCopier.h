#pragma once

#include "providers/Result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class StatementCache;
class StoreDialect;

// Copies a desktop's SQLite history into another store, normally the team's PostgreSQL database.
//
// Every copied row gets the target's own id from the target's identity sequence, so rows the team
// already has never collide and the sequences stay right; references are rewritten through
// source id -> target id maps. Contacts merge by identity key (Phone::identityKey: a Brazilian
// number with or without its ninth digit is one contact), conversations by contact, messages
// with a provider id by (provider, provider message id), early statuses and templates by their
// unique keys. Messages and webhook log entries are also recorded in store_migration_map, the
// copier's own table in the target, in the transaction that copies them: a second run, or one
// after an interrupted run, goes on after the last source id recorded there, so nothing is copied
// twice. Status history is copied with its message; a message the target already had keeps its own.
class StoreCopier
{
public:
    struct Options
    {
        int batchSize = 500; // rows per transaction
        // Tests: return as if killed after this many committed batches; 0 runs to the end.
        int stopAfterBatches = 0;
    };

    struct TableCount
    {
        QString table;
        qint64 inSource = 0;
        qint64 copied = 0;
        qint64 present = 0; // already in the target: from an earlier run, or the team's own rows
    };

    struct Report
    {
        int sourceVersion = 0;
        int targetVersionBefore = 0;
        QList<TableCount> tables;
        bool stopped = false; // Options::stopAfterBatches was reached
    };

    // After each committed batch: rows of `table` done so far (copied or found present) of `total`.
    using Progress = std::function<void(const QString& table, qint64 done, qint64 total)>;

    // `from` a SQLite path, `to` a PostgreSQL URI (or another SQLite path).
    StoreCopier(QString from, QString to);
    StoreCopier(QString from, QString to, Options options);
    ~StoreCopier();
    StoreCopier(const StoreCopier&) = delete;
    StoreCopier& operator=(const StoreCopier&) = delete;

    // Opens both stores (building or upgrading the target's schema), then copies table by table.
    // Errors name the table and the step; a URI's password never appears in them.
    Result<Report> run(const Progress& progress = {});

private:
    Result<void> open();
    Result<void> copyContacts();
    Result<void> copyConversations();
    Result<void> copyMessages();
    // NOTIFY, in the copy's last transaction, which conversations gained messages.
    Result<void> announceConversations();
    Result<void> copyEarlyStatuses();
    Result<void> copyTemplates();
    Result<void> copyWebhookLog();

    // Source rows of `table` with id above `afterId`, at most one batch, oldest first.
    Result<QList<QSqlRecord>> sourceBatch(const QString& table, qint64 afterId);
    Result<qint64> sourceCount(const QString& table);
    bool sourceHas(const QString& table) const;
    // INSERT INTO `table` of the columns both stores have (without id), then `tail`.
    QString insertSql(const QString& table, const QString& tail) const;
    // The row's values in insertSql()'s order, references replaced through `mapped`.
    QVariantList
    insertValues(const QString& table, const QSqlRecord& row, const QHash<QString, qint64>& mapped = {}) const;

    using BatchCopy = std::function<Result<void>(const QList<QSqlRecord>&)>;
    // Runs `copy` on each batch of source rows of `table` above `afterId`, each batch in one
    // transaction of the target (rolled back when `copy` fails, which ends the run). `done` counts
    // the rows handled.
    Result<void> inBatches(const QString& table, qint64 afterId, qint64 total, qint64& done, const BatchCopy& copy);
    Result<void> begin();
    Result<void> commit(const QString& table, qint64 done, qint64 total);
    Error failed(const QString& what, const Error& cause) const;
    // The last source id of `kind` recorded in store_migration_map, and how many are recorded;
    // record() adds (source id, target id) pairs.
    Result<std::pair<qint64, qint64>> resumePoint(const QString& kind);
    Result<void> record(const QString& kind, const QList<std::pair<qint64, qint64>>& ids);
    TableCount& count(const QString& table);

    QString m_from;
    QString m_to;
    Options m_options;
    Progress m_progress;
    std::unique_ptr<StoreDialect> m_sourceDialect;
    std::unique_ptr<StoreDialect> m_targetDialect;
    QString m_sourceConnection;
    QString m_targetConnection;
    QSqlDatabase m_source;
    QSqlDatabase m_target;
    std::unique_ptr<StatementCache> m_sql; // the target's statements
    QHash<QString, QStringList> m_columns; // per table: the columns both stores have, id left out
    QString m_origin; // names the source in store_migration_map
    QHash<qint64, qint64> m_contactIds; // source -> target
    QHash<qint64, qint64> m_conversationIds;
    QSet<qint64> m_touchedConversations; // target ids that gained messages in this run
    int m_batches = 0;
    Report m_report;
};
