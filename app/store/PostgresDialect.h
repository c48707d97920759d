#pragma once

#include "app/store/StoreDialect.h"

#include <QUrl>

// A team's shared PostgreSQL database, reached through Qt's QPSQL driver (libpq) from a URI such
// as postgresql://agent@db.example:5432/flowchat?sslmode=require. What the URI leaves out comes
// from libpq's usual places (PGHOST, PGUSER, PGPASSWORD, ~/.pgpass). Full-text search is a GIN
// index over unaccented 'simple' text vectors: no stemming, so any language matches as typed.
class PostgresDialect final : public StoreDialect
{
public:
    explicit PostgresDialect(const QString& uri);

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

    // A SELECT of the sessions holding the lock claimOutboxLock() takes: pid, application name,
    // client address (for `flowchat doctor`).
    static QString outboxLockHolders();

private:
    QUrl m_url;
    QString m_shown; // the URI without its password, for errors
};
