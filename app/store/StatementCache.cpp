#include "app/store/StatementCache.h"

#include "app/store/StoreSql.h"

StatementCache::StatementCache(QSqlDatabase db)
    : m_db(std::move(db))
{
}

StatementCache::~StatementCache()
{
    clear();
}

Result<QSqlQuery*> StatementCache::run(const QString& sql, const QVariantList& values)
{
    m_lastFailureWasContention = false;
    std::shared_ptr<QSqlQuery>& slot = m_queries[sql];
    if (!slot) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            m_queries.remove(sql);
            m_failedSinceProbe = true;
            return Unexpected(StoreSql::sqlError(QStringLiteral("prepare"), query->lastError()));
        }
        slot = std::move(query);
    }
    QSqlQuery* query = slot.get();
    query->finish();
    for (qsizetype i = 0; i < values.size(); ++i) {
        query->bindValue(int(i), values.at(i));
    }
    if (!query->exec()) {
        // SQLSTATE 40P01 deadlock_detected, 40001 serialization_failure.
        const QString state = query->lastError().nativeErrorCode();
        m_lastFailureWasContention = state == QLatin1String("40P01") || state == QLatin1String("40001");
        const Error error = StoreSql::sqlError(sql.section(QLatin1Char(' '), 0, 3), query->lastError());
        query->finish();
        m_failedSinceProbe = true;
        return Unexpected(error);
    }
    return query;
}

Result<std::optional<QSqlRecord>> StatementCache::one(const QString& sql, const QVariantList& values)
{
    auto query = run(sql, values);
    if (!query) {
        return Unexpected(query.error());
    }
    std::optional<QSqlRecord> row;
    if ((*query)->next()) {
        row = (*query)->record();
    }
    (*query)->finish();
    return row;
}

Result<QList<QSqlRecord>> StatementCache::all(const QString& sql, const QVariantList& values)
{
    auto query = run(sql, values);
    if (!query) {
        return Unexpected(query.error());
    }
    QList<QSqlRecord> rows;
    while ((*query)->next()) {
        rows << (*query)->record();
    }
    (*query)->finish();
    return rows;
}

Result<int> StatementCache::exec(const QString& sql, const QVariantList& values)
{
    auto query = run(sql, values);
    if (!query) {
        return Unexpected(query.error());
    }
    const int affected = (*query)->numRowsAffected();
    (*query)->finish();
    return affected;
}

Result<qint64> StatementCache::insert(const QString& sql, const QVariantList& values)
{
    auto query = run(sql, values);
    if (!query) {
        return Unexpected(query.error());
    }
    if (!(*query)->next()) {
        (*query)->finish();
        return Unexpected(StoreSql::sqlError(QStringLiteral("insert returned no id"), (*query)->lastError()));
    }
    const qint64 id = (*query)->value(0).toLongLong();
    (*query)->finish();
    return id;
}

Result<void> StatementCache::control(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_failedSinceProbe = true;
        return Unexpected(StoreSql::sqlError(sql, query.lastError()));
    }
    return {};
}

bool StatementCache::lastFailureWasContention() const
{
    return m_lastFailureWasContention;
}

bool StatementCache::connectionLost()
{
    if (!m_failedSinceProbe) {
        return false;
    }
    m_failedSinceProbe = false;
    QSqlQuery probe(m_db);
    return !probe.exec(QStringLiteral("SELECT 1"));
}

void StatementCache::clear()
{
    for (auto& query : m_queries) {
        query->finish();
    }
    m_queries.clear();
}
