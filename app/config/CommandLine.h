#pragma once

#include "providers/Result.h"

#include <QString>
#include <QStringList>

// What `flowchat` was asked to do. Parsed before any QApplication exists, so --version and
// --help work without a display.
class CommandLine
{
public:
    enum class Mode
    {
        Gui,
        Headless,
        Doctor, // `flowchat doctor`: every key, its value (secrets masked) and origin, then problems
        ReplayWebhook, // `flowchat replay-webhook ID`: run a logged webhook through parsing and storing again
        MigrateStore, // `flowchat migrate-store --from PATH --to URI`: copy a SQLite history into the team's database
        PrintApiToken, // `flowchat --print-api-token`: the local API's bearer token, for scripts
        Version,
        Help,
    };

    // `arguments` includes the program name first, as QCoreApplication::arguments() does.
    static Result<CommandLine> parse(const QStringList& arguments);
    static QString helpText();

    Mode mode() const;
    QString envFile() const;
    QStringList assignments() const; // every --set KEY=VALUE, in order
    qint64 replayWebhookId() const; // ReplayWebhook: the webhook log id
    QString migrateFrom() const; // MigrateStore: the SQLite file
    QString migrateTo() const; // MigrateStore: the target database (a libpq URI)

private:
    Mode m_mode = Mode::Gui;
    QString m_envFile;
    QStringList m_assignments;
    qint64 m_replayWebhookId = 0;
    QString m_migrateFrom;
    QString m_migrateTo;
};
