#include "app/migrate/MigrateStoreCommand.h"

#include "app/migrate/StoreCopier.h"
#include "app/store/StoreDialect.h"

#include <QElapsedTimer>

namespace
{

// A progress line at most this often per table (and always at its end).
constexpr qint64 kProgressIntervalMs = 1000;

} // namespace

MigrateStoreCommand::MigrateStoreCommand(QString from, QString to, Print out, Print err)
    : m_from(std::move(from))
    , m_to(std::move(to))
    , m_out(std::move(out))
    , m_err(std::move(err))
{
}

int MigrateStoreCommand::run()
{
    m_err(QStringLiteral("migrate-store: copying %1 into %2").arg(m_from, StoreDialect::displayName(m_to)));
    QElapsedTimer clock;
    clock.start();
    QElapsedTimer sinceLine;
    sinceLine.start();
    QString lastTable;
    StoreCopier copier(m_from, m_to);
    const Result<StoreCopier::Report> report = copier.run([&](const QString& table, qint64 done, qint64 total) {
        if (table != lastTable || done >= total || sinceLine.elapsed() >= kProgressIntervalMs) {
            m_err(QStringLiteral("%1 %2/%3").arg(table).arg(done).arg(total));
            sinceLine.restart();
            lastTable = table;
        }
    });
    if (!report) {
        m_err(QStringLiteral("migrate-store: failed: %1").arg(report.error().message));
        m_err(QStringLiteral("migrate-store: what was committed stays; run the same command again to finish"));
        return 1;
    }
    qint64 copied = 0;
    for (const StoreCopier::TableCount& table : report->tables) {
        m_out(QStringLiteral("%1: %2 copied, %3 already present (%4 in the source)")
                  .arg(table.table)
                  .arg(table.copied)
                  .arg(table.present)
                  .arg(table.inSource));
        copied += table.copied;
    }
    const double seconds = std::max<qint64>(clock.elapsed(), 1) / 1000.0;
    m_out(QStringLiteral("migrate-store: done in %1 s, %2 rows copied (%3 rows/s)")
              .arg(seconds, 0, 'f', 1)
              .arg(copied)
              .arg(qRound64(copied / seconds)));
    return 0;
}
