#include "app/config/CommandLine.h"

#include <QCommandLineParser>

namespace
{

Error usageError(const QString& message)
{
    Error error;
    error.kind = Error::Kind::Configuration;
    error.code = QStringLiteral("usage");
    error.message = message;
    return error;
}

} // namespace

Result<CommandLine> CommandLine::parse(const QStringList& arguments)
{
    // Descriptions live in helpText(); the parser only needs the names.
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption headless(QStringLiteral("headless"));
    const QCommandLineOption printApiToken(QStringLiteral("print-api-token"));
    const QCommandLineOption envFile(QStringLiteral("env-file"), QString(), QStringLiteral("path"));
    const QCommandLineOption set(QStringLiteral("set"), QString(), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption from(QStringLiteral("from"), QString(), QStringLiteral("path"));
    const QCommandLineOption to(QStringLiteral("to"), QString(), QStringLiteral("uri"));
    QCommandLineParser parser;
    parser.addOptions({help, version, headless, printApiToken, envFile, set, from, to});
    if (!parser.parse(arguments)) {
        return Unexpected(usageError(parser.errorText()));
    }

    CommandLine commandLine;
    commandLine.m_envFile = parser.value(envFile);
    commandLine.m_assignments = parser.values(set);

    const QStringList positional = parser.positionalArguments();
    const bool doctor = positional == QStringList{QStringLiteral("doctor")};
    const bool replay = !positional.isEmpty() && positional.first() == QLatin1String("replay-webhook");
    if (replay) {
        bool ok = false;
        commandLine.m_replayWebhookId = positional.size() == 2 ? positional.at(1).toLongLong(&ok) : 0;
        if (!ok || commandLine.m_replayWebhookId <= 0) {
            return Unexpected(
                usageError(QStringLiteral("replay-webhook needs one webhook log id, such as replay-webhook 42")));
        }
    }
    const bool migrate = positional == QStringList{QStringLiteral("migrate-store")};
    if (!positional.isEmpty() && !doctor && !replay && !migrate) {
        // Not repeated: it may be a secret that lost its --set.
        return Unexpected(usageError(
            QStringLiteral("unexpected argument; the commands are doctor, replay-webhook ID and migrate-store")));
    }
    if (!migrate && (parser.isSet(from) || parser.isSet(to))) {
        return Unexpected(usageError(QStringLiteral("--from and --to belong to migrate-store")));
    }
    if (migrate) {
        commandLine.m_migrateFrom = parser.value(from);
        commandLine.m_migrateTo = parser.value(to);
        if (!parser.isSet(help) && (commandLine.m_migrateFrom.isEmpty() || commandLine.m_migrateTo.isEmpty())) {
            return Unexpected(usageError(QStringLiteral(
                "migrate-store needs --from PATH (the SQLite file) and --to URI (the team's PostgreSQL database)")));
        }
    }
    if (parser.isSet(help)) {
        commandLine.m_mode = Mode::Help;
    } else if (parser.isSet(version)) {
        commandLine.m_mode = Mode::Version;
    } else if ((doctor || replay || migrate) && parser.isSet(headless)) {
        return Unexpected(usageError(QStringLiteral("%1 and --headless cannot be combined").arg(positional.first())));
    } else if (parser.isSet(printApiToken)) {
        if (doctor || replay || migrate || parser.isSet(headless)) {
            return Unexpected(usageError(QStringLiteral("--print-api-token runs on its own")));
        }
        commandLine.m_mode = Mode::PrintApiToken;
    } else if (replay) {
        commandLine.m_mode = Mode::ReplayWebhook;
    } else if (migrate) {
        commandLine.m_mode = Mode::MigrateStore;
    } else if (doctor) {
        commandLine.m_mode = Mode::Doctor;
    } else if (parser.isSet(headless)) {
        commandLine.m_mode = Mode::Headless;
    }
    return commandLine;
}

QString CommandLine::helpText()
{
    // Written out: QCommandLineParser::helpText() wants a QCoreApplication, and --help must work without one.
    return QStringLiteral(
        "Usage: flowchat [options] [doctor | replay-webhook ID | migrate-store --from PATH --to URI]\n"
        "FlowChat: a desktop console for WhatsApp support through Twilio or Meta's Cloud API.\n"
        "\n"
        "Options:\n"
        "  -h, --help           Show this help.\n"
        "  --version            Show the version.\n"
        "  --headless           Run without a window, as an always-on receiver.\n"
        "  --print-api-token    Print the local API's bearer token (FLOWCHAT_API_TOKEN), for scripts;\n"
        "                       one is generated and kept with the saved secrets when none is set.\n"
        "  --env-file <path>    Read settings from this .env file instead of ./.env.\n"
        "  --set <KEY=VALUE>    Set one configuration key, above every other source (repeatable).\n"
        "\n"
        "Commands:\n"
        "  doctor               Show every configuration key, where its value came from, and what is wrong;\n"
        "                       then check the database, the provider, the receiver, FLOWCHAT_PUBLIC_URL and\n"
        "                       refused webhooks.\n"
        "  replay-webhook ID    Run a logged webhook through parsing and storing again (idempotent).\n"
        "  migrate-store --from PATH --to URI\n"
        "                       Copy a desktop's SQLite history (PATH) into the team's PostgreSQL database\n"
        "                       (URI, such as postgresql://agent@db.example:5432/flowchat; the password comes\n"
        "                       from ~/.pgpass or PGPASSWORD). Safe to run again: nothing is copied twice, and\n"
        "                       an interrupted run finishes where it stopped.\n");
}

CommandLine::Mode CommandLine::mode() const
{
    return m_mode;
}

QString CommandLine::envFile() const
{
    return m_envFile;
}

QStringList CommandLine::assignments() const
{
    return m_assignments;
}

qint64 CommandLine::replayWebhookId() const
{
    return m_replayWebhookId;
}

QString CommandLine::migrateFrom() const
{
    return m_migrateFrom;
}

QString CommandLine::migrateTo() const
{
    return m_migrateTo;
}
