#pragma once

#include "providers/Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>

// Prepared statements of one connection, each prepared once and rerun with new bound values.
// Used on the connection's own thread only.
class StatementCache
{
public:
    explicit StatementCache(QSqlDatabase db);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // Runs `sql` with positional values. The returned query stays valid until `sql` runs again;
    // read its rows, then let the next run reset it. Never run the same SQL while iterating it.
    Result<QSqlQuery*> run(const QString& sql, const QVariantList& values = {});

    // Convenience forms that read what they need and release the statement at once.
    Result<std::optional<QSqlRecord>> one(const QString& sql, const QVariantList& values = {});
    Result<QList<QSqlRecord>> all(const QString& sql, const QVariantList& values = {});
    Result<int> exec(const QString& sql, const QVariantList& values = {}); // rows affected
    Result<qint64> insert(const QString& sql, const QVariantList& values = {}); // `sql` ends in RETURNING id
    // Transaction control (BEGIN, COMMIT, SAVEPOINT, …), run as it is: PostgreSQL cannot prepare it.
    Result<void> control(const QString& sql);

    // Whether the last statement run failed because it lost a race with another writer
    // (PostgreSQL: a deadlock or a serialization failure), so running its transaction again would
    // succeed.
    bool lastFailureWasContention() const;

    // After a statement failed: whether the connection itself is gone (a PostgreSQL server that
    // restarted or a network that dropped), so the owner must open a new one. Asks the server
    // once per failure; false while nothing failed. Not inside an aborted transaction.
    bool connectionLost();

    // Drops every statement; needed before the connection is closed.
    void clear();

private:
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_queries;
    bool m_lastFailureWasContention = false;
    bool m_failedSinceProbe = false;
};
