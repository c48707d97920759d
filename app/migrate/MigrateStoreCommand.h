#pragma once

#include <QString>

#include <functional>

// `flowchat migrate-store --from PATH --to URI`: copies a desktop's SQLite history into the team's
// database with StoreCopier, with progress on stderr and, at the end, what it copied and what it
// found already present per table on stdout. The target is only ever shown without its password.
class MigrateStoreCommand
{
public:
    using Print = std::function<void(const QString& line)>;

    MigrateStoreCommand(QString from, QString to, Print out, Print err);

    // 0 when everything was copied; 1 (with the reason on stderr) otherwise.
    int run();

private:
    QString m_from;
    QString m_to;
    Print m_out;
    Print m_err;
};
