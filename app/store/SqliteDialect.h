#pragma once

#include "app/store/StoreDialect.h"

// A SQLite file (the single-desktop default): WAL, the writer's lock taken at BEGIN, FTS5 for
// full-text search, JSON arrays for id lists.
class SqliteDialect final : public StoreDialect
{
public:
    explicit SqliteDialect(QString path);

    Result<QSqlDatabase> open(const QString& connectionName, Access access, int busyTimeoutMs) const override;
    QString expandDdl(QString sql) const override;
    QString beginWrite() const override;
    QStringList fullTextSearchSteps() const override;
    QString fullTextQuery(const QString& userText) const override;
    QString indexMessage() const override;
    QString messageIdsMatching() const override;
    QString contactIdsMatching() const override;
    QString lockingRowsOf(const QString& alias) const override;
    QString claimOutboxLock() const override;
    QString outboxLockHeld() const override;
    QString holdMigrationLock() const override;
    QString releaseMigrationLock() const override;
    QString changesChannel() const override;
    QString announceChanges() const override;
    QString idsIn() const override;
    QVariant idList(const QList<qint64>& ids) const override;

private:
    QString m_path;
};
