// flowchat: the console, or (--headless) the always-on receiver. Stays thin: everything it
// builds lives in app/ and ui/.
#include "app/config/ApiTokenKeeper.h"
#include "app/config/CommandLine.h"
#include "app/config/Config.h"
#include "app/config/ConfigLoader.h"
#include "app/config/ConfigReport.h"
#include "app/config/SecretStore.h"
#include "app/doctor/DatabaseDoctor.h"
#include "app/doctor/WebhookDoctor.h"
#include "app/doctor/WebhookReplayCommand.h"
#include "app/headless/HeadlessRunner.h"
#include "app/logging/LogBuffer.h"
#include "app/migrate/MigrateStoreCommand.h"
#include "app/store/StoreDialect.h"
#include "providers/UnixSignals.h"
#include "ui/Appearance.h"
#include "ui/ConsoleSession.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace
{

void print(FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

QStringList rawArguments(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    return arguments;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(ConfigLoader::organizationName());
    QCoreApplication::setApplicationName(ConfigLoader::applicationName());
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWCHAT_VERSION));
}

Config loadConfig(const CommandLine& commandLine, const SecretStore& secrets)
{
    ConfigLoader loader;
    loader.setSavedSecrets(secrets.secrets(), secrets.location());
    loader.setEnvFile(commandLine.envFile());
    loader.setCommandLineValues(commandLine.assignments());
    Config config = loader.load();
    QLoggingCategory::setFilterRules(config.loggingRules());
    StoreDialect::setSavedPassword(config.value(ConfigKey::DatabasePassword));
    for (const QString& line : ConfigReport::problemLines(config)) {
        print(stderr, QStringLiteral("flowchat: %1\n").arg(line));
    }
    return config;
}

// Without a window there is no keychain to unlock (a service, a script): only the private file.
Config loadConfigWithoutKeychain(const CommandLine& commandLine, SecretStore& secrets)
{
    secrets.setKeychainEnabled(false);
    secrets.load();
    return loadConfig(commandLine, secrets);
}

Config loadConfigWithoutKeychain(const CommandLine& commandLine)
{
    SecretStore secrets;
    return loadConfigWithoutKeychain(commandLine, secrets);
}

// A generated API token is kept with the saved secrets, so scripts survive a restart.
bool keepApiToken(Config& config, SecretStore& secrets)
{
    const Result<void> kept = ApiTokenKeeper::ensure(config, secrets);
    if (!kept) {
        print(stderr,
              QStringLiteral("flowchat: warning: a generated API token could not be kept (%1); this run uses its own\n")
                  .arg(kept.error().message));
    }
    return kept.has_value();
}

int usage(const Error& error)
{
    print(stderr, QStringLiteral("flowchat: %1\nTry 'flowchat --help'.\n").arg(error.message));
    return 2;
}

// Qt's own options (-platform, -style, -reverse) use one dash; only QApplication can take them out.
bool mayHoldQtOptions(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument.size() > 1 && argument.startsWith(QLatin1Char('-')) && !argument.startsWith(QLatin1String("--"))
            && argument != QLatin1String("-h")) {
            return true;
        }
    }
    return false;
}

// Everything but the window. Headless and doctor need an application object to exist already.
int runWithoutWindow(const CommandLine& commandLine)
{
    switch (commandLine.mode()) {
    case CommandLine::Mode::Version:
        print(stdout, QStringLiteral("flowchat %1\n").arg(QStringLiteral(FLOWCHAT_VERSION)));
        return 0;
    case CommandLine::Mode::Help:
        print(stdout, CommandLine::helpText());
        return 0;
    case CommandLine::Mode::Doctor: {
        const Config config = loadConfigWithoutKeychain(commandLine);
        print(stdout, ConfigReport::doctor(config) + QLatin1Char('\n'));
        // The database first (the webhook log is read from it), then the webhook path.
        DatabaseDoctor database(config.database());
        WebhookDoctor doctor(config);
        bool databasePassed = true;
        const auto printLine = [](const QString& line) {
            print(stdout, line + QLatin1Char('\n'));
        };
        QObject::connect(&database, &DatabaseDoctor::line, &database, printLine);
        QObject::connect(&doctor, &WebhookDoctor::line, &doctor, printLine);
        QObject::connect(&database, &DatabaseDoctor::finished, &doctor, [&doctor, &databasePassed](bool allPassed) {
            databasePassed = allPassed;
            doctor.run();
        });
        QObject::connect(&doctor, &WebhookDoctor::finished, &doctor, [&databasePassed](bool allPassed) {
            QCoreApplication::exit(allPassed && databasePassed ? 0 : 1);
        });
        QTimer::singleShot(0, &database, &DatabaseDoctor::run);
        return QCoreApplication::exec();
    }
    case CommandLine::Mode::ReplayWebhook: {
        const Config config = loadConfigWithoutKeychain(commandLine);
        WebhookReplayCommand replay(config, commandLine.replayWebhookId());
        QObject::connect(&replay, &WebhookReplayCommand::line, &replay, [](const QString& line) {
            print(stdout, line + QLatin1Char('\n'));
        });
        QObject::connect(
            &replay, &WebhookReplayCommand::finished, &replay, [](int exitCode) { QCoreApplication::exit(exitCode); });
        QTimer::singleShot(0, &replay, &WebhookReplayCommand::run);
        return QCoreApplication::exec();
    }
    case CommandLine::Mode::MigrateStore: {
        // No configuration: both databases are on the command line, the password in libpq's places.
        MigrateStoreCommand migrate(
            commandLine.migrateFrom(),
            commandLine.migrateTo(),
            [](const QString& line) { print(stdout, line + QLatin1Char('\n')); },
            [](const QString& line) { print(stderr, line + QLatin1Char('\n')); });
        return migrate.run();
    }
    case CommandLine::Mode::PrintApiToken: {
        // Read as the console reads secrets (the keychain when one answers), since scripts call
        // whichever FlowChat runs here; the private file is read either way.
        SecretStore secrets;
        secrets.load();
        Config config = loadConfig(commandLine, secrets);
        if (!keepApiToken(config, secrets)) {
            return 1;
        }
        print(stdout, config.apiToken() + QLatin1Char('\n'));
        return 0;
    }
    case CommandLine::Mode::Headless: {
        SecretStore secrets;
        Config config = loadConfigWithoutKeychain(commandLine, secrets);
        if (!config.validate().isEmpty()) {
            print(stderr, QStringLiteral("flowchat: headless mode cannot start until the errors above are fixed\n"));
            return 1;
        }
        keepApiToken(config, secrets);
        HeadlessRunner runner(config);
        QObject::connect(
            &runner, &HeadlessRunner::finished, &runner, [](int exitCode) { QCoreApplication::exit(exitCode); });
        QTimer::singleShot(0, &runner, &HeadlessRunner::start);
        return QCoreApplication::exec();
    }
    case CommandLine::Mode::Gui:
        break;
    }
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    // Parsed before any application object: --version and --help must work without a display.
    const QStringList arguments = rawArguments(argc, argv);
    Result<CommandLine> commandLine = CommandLine::parse(arguments);
    if (!commandLine && !mayHoldQtOptions(arguments)) {
        return usage(commandLine.error());
    }
    if (commandLine && commandLine->mode() != CommandLine::Mode::Gui) {
        if (commandLine->mode() == CommandLine::Mode::Version || commandLine->mode() == CommandLine::Mode::Help) {
            return runWithoutWindow(*commandLine);
        }
        QCoreApplication app(argc, argv);
        setIdentity();
        return runWithoutWindow(*commandLine);
    }

    QApplication app(argc, argv);
    Translations::install(QLocale::system());
    setIdentity();
    LogBuffer::install(); // the console's log panel
    // Matches the window to the installed .desktop file; the theme icon wins when installed.
    QGuiApplication::setDesktopFileName(QStringLiteral(FLOWCHAT_APP_ID));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral(FLOWCHAT_APP_ID), QIcon(QStringLiteral(":/icons/flowchat.svg"))));
    Appearance::applySaved();
    if (!commandLine) {
        // QApplication has taken its own options out; what is left must be ours.
        commandLine = CommandLine::parse(QCoreApplication::arguments());
        if (!commandLine) {
            return usage(commandLine.error());
        }
        if (commandLine->mode() != CommandLine::Mode::Gui) {
            return runWithoutWindow(*commandLine);
        }
    }
    // Secrets saved from Settings: the keychain when one answers, else a file only the user can read.
    SecretStore secrets;
    secrets.load();
    ConsoleSession session(
        [&commandLine, &secrets] {
            Config config = loadConfig(*commandLine, secrets);
            keepApiToken(config, secrets);
            return config;
        },
        &secrets);

    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, &QApplication::quit);

    // The session runs the store, provider, service and HTTP API on a thread of their own; this
    // thread runs the window, which reads through its own reader thread and never waits on either.
    session.start();
    // Scripts and tests wait for this line instead of guessing how long start-up takes.
    QTimer::singleShot(0, &app, [] { print(stderr, QStringLiteral("flowchat: console ready\n")); });
    const int exitCode = app.exec();
    // Let in-flight sends and commits finish before the store closes.
    bool stopped = false;
    session.stop([&stopped] {
        stopped = true;
        QCoreApplication::quit();
    });
    if (!stopped) {
        QCoreApplication::exec();
    }
    return exitCode;
}
