#include "app/config/ConfigLoader.h"
#include "tests/support/LogCapture.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestConfigLoader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void precedence_data();
    void precedence();
    void readsTheProcessEnvironment();
    void envFileLookup_data();
    void envFileLookup();
    void missingEnvFileIsAProblem();
    void envFileSyntaxProblems();
    void unknownKeys();
    void commandLineProblems_data();
    void commandLineProblems();
    void worldReadableEnvFileWarns();
    void secretsNeverLogged_data();
    void secretsNeverLogged();

private:
    QString writeFile(const QString& relative, const QByteArray& content);
    ConfigLoader loader(const QProcessEnvironment& environment = QProcessEnvironment());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    QByteArray m_savedRate;
    bool m_rateWasSet = false;
};

void TestConfigLoader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("flowchat.*.debug=true"));
}

void TestConfigLoader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("work")));
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("config")));
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    m_rateWasSet = qEnvironmentVariableIsSet("FLOWCHAT_SEND_RATE");
    m_savedRate = qgetenv("FLOWCHAT_SEND_RATE");
}

void TestConfigLoader::cleanup()
{
    if (m_rateWasSet) {
        qputenv("FLOWCHAT_SEND_RATE", m_savedRate);
    } else {
        qunsetenv("FLOWCHAT_SEND_RATE");
    }
    m_settings.reset();
    m_dir.reset();
}

QString TestConfigLoader::writeFile(const QString& relative, const QByteArray& content)
{
    const QString path = m_dir->filePath(relative);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return QString();
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return QFileInfo(path).absoluteFilePath();
}

// Every source points into the test's own folder; nothing of the user's is read.
ConfigLoader TestConfigLoader::loader(const QProcessEnvironment& environment)
{
    ConfigLoader loader;
    loader.setSettings(m_settings.get());
    loader.setEnvironment(environment);
    loader.setWorkingDirectory(m_dir->filePath(QStringLiteral("work")));
    loader.setConfigDirectory(m_dir->filePath(QStringLiteral("config")));
    return loader;
}

void TestConfigLoader::precedence_data()
{
    QTest::addColumn<bool>("fromSettings");
    QTest::addColumn<QString>("fromEnvFile"); // empty: the .env lacks the key
    QTest::addColumn<QString>("fromEnvironment");
    QTest::addColumn<bool>("fromCommandLine");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("source");

    QTest::newRow("command line beats all") << true << QStringLiteral("2") << QStringLiteral("3") << true
                                            << QStringLiteral("4") << int(Config::Source::CommandLine);
    QTest::newRow("environment beats .env") << true << QStringLiteral("2") << QStringLiteral("3") << false
                                            << QStringLiteral("3") << int(Config::Source::Environment);
    QTest::newRow(".env beats saved settings")
        << true << QStringLiteral("2") << QString() << false << QStringLiteral("2") << int(Config::Source::EnvFile);
    QTest::newRow("saved settings beat the default")
        << true << QString() << QString() << false << QStringLiteral("1") << int(Config::Source::SavedSettings);
    QTest::newRow("default when nothing is given")
        << false << QString() << QString() << false << QStringLiteral("80") << int(Config::Source::Default);
    QTest::newRow("empty environment value falls through")
        << true << QStringLiteral("2") << QStringLiteral("  ") << false << QStringLiteral("2")
        << int(Config::Source::EnvFile);
    QTest::newRow("empty .env value falls through") << true << QStringLiteral("\"\"") << QString() << false
                                                    << QStringLiteral("1") << int(Config::Source::SavedSettings);
}

void TestConfigLoader::precedence()
{
    QFETCH(bool, fromSettings);
    QFETCH(QString, fromEnvFile);
    QFETCH(QString, fromEnvironment);
    QFETCH(bool, fromCommandLine);
    QFETCH(QString, expected);
    QFETCH(int, source);

    if (fromSettings) {
        m_settings->setValue(QStringLiteral("config/FLOWCHAT_SEND_RATE"), QStringLiteral("1"));
        m_settings->sync();
    }
    QByteArray content = "FLOWCHAT_SEND_CONCURRENCY=7\n";
    if (!fromEnvFile.isEmpty()) {
        content += "FLOWCHAT_SEND_RATE=" + fromEnvFile.toUtf8() + '\n';
    }
    const QString envFile = writeFile(QStringLiteral("work/.env"), content);
    QVERIFY(!envFile.isEmpty());
    QProcessEnvironment environment;
    if (!fromEnvironment.isNull()) {
        environment.insert(QStringLiteral("FLOWCHAT_SEND_RATE"), fromEnvironment);
    }
    ConfigLoader configLoader = loader(environment);
    if (fromCommandLine) {
        configLoader.setCommandLineValues(
            {QStringLiteral("FLOWCHAT_LOG_LEVEL=debug"), QStringLiteral("FLOWCHAT_SEND_RATE=4")});
    }
    const Config config = configLoader.load();

    QCOMPARE(config.value(ConfigKey::SendRate), expected);
    const Config::Origin origin = config.origin(ConfigKey::SendRate);
    QCOMPARE(int(origin.source), source);
    if (origin.source == Config::Source::EnvFile) {
        QCOMPARE(origin.detail, envFile);
    } else if (origin.source == Config::Source::SavedSettings) {
        QCOMPARE(origin.detail, m_settings->fileName());
    } else {
        QCOMPARE(origin.detail, QString());
    }
    // Keys from other sources keep their own origins.
    QCOMPARE(config.value(ConfigKey::SendConcurrency), QStringLiteral("7"));
    QCOMPARE(config.origin(ConfigKey::SendConcurrency).source, Config::Source::EnvFile);
    QCOMPARE(config.envFilePath(), envFile);
    QVERIFY(config.validate().isEmpty());
}

void TestConfigLoader::readsTheProcessEnvironment()
{
    qputenv("FLOWCHAT_SEND_RATE", "7");
    ConfigLoader configLoader;
    configLoader.setSettings(m_settings.get());
    configLoader.setWorkingDirectory(m_dir->filePath(QStringLiteral("work")));
    configLoader.setConfigDirectory(m_dir->filePath(QStringLiteral("config")));
    const Config config = configLoader.load();
    QCOMPARE(config.value(ConfigKey::SendRate), QStringLiteral("7"));
    QCOMPARE(config.origin(ConfigKey::SendRate).source, Config::Source::Environment);
}

void TestConfigLoader::envFileLookup_data()
{
    QTest::addColumn<bool>("inWorkingDirectory");
    QTest::addColumn<bool>("inConfigDirectory");
    QTest::addColumn<bool>("explicitFile");
    QTest::addColumn<QString>("expectedFile"); // relative to the test folder; empty: none
    QTest::addColumn<QString>("expectedRate");

    QTest::newRow("--env-file beats ./.env")
        << true << true << true << QStringLiteral("elsewhere.env") << QStringLiteral("3");
    QTest::newRow("./.env beats the config folder")
        << true << true << false << QStringLiteral("work/.env") << QStringLiteral("1");
    QTest::newRow("config folder as a last resort")
        << false << true << false << QStringLiteral("config/.env") << QStringLiteral("2");
    QTest::newRow("no .env at all") << false << false << false << QString() << QStringLiteral("80");
}

void TestConfigLoader::envFileLookup()
{
    QFETCH(bool, inWorkingDirectory);
    QFETCH(bool, inConfigDirectory);
    QFETCH(bool, explicitFile);
    QFETCH(QString, expectedFile);
    QFETCH(QString, expectedRate);

    if (inWorkingDirectory) {
        QVERIFY(!writeFile(QStringLiteral("work/.env"), "FLOWCHAT_SEND_RATE=1\n").isEmpty());
    }
    if (inConfigDirectory) {
        QVERIFY(!writeFile(QStringLiteral("config/.env"), "FLOWCHAT_SEND_RATE=2\n").isEmpty());
    }
    ConfigLoader configLoader = loader();
    if (explicitFile) {
        configLoader.setEnvFile(writeFile(QStringLiteral("elsewhere.env"), "FLOWCHAT_SEND_RATE=3\n"));
    }
    const Config config = configLoader.load();
    const QString expectedPath =
        expectedFile.isEmpty() ? QString() : QFileInfo(m_dir->filePath(expectedFile)).absoluteFilePath();
    QCOMPARE(configLoader.envFileToRead(), expectedPath);
    QCOMPARE(config.envFilePath(), expectedPath);
    QCOMPARE(config.value(ConfigKey::SendRate), expectedRate);
}

void TestConfigLoader::missingEnvFileIsAProblem()
{
    QVERIFY(!writeFile(QStringLiteral("work/.env"), "FLOWCHAT_SEND_RATE=1\n").isEmpty());
    ConfigLoader configLoader = loader();
    const QString missing = m_dir->filePath(QStringLiteral("missing.env"));
    configLoader.setEnvFile(missing);
    const Config config = configLoader.load();
    const QList<Error> problems = config.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().field, QStringLiteral("--env-file"));
    QVERIFY(problems.first().message.contains(missing));
    // An explicit file that is missing is not silently replaced by ./.env.
    QCOMPARE(config.value(ConfigKey::SendRate), QStringLiteral("80"));
}

void TestConfigLoader::envFileSyntaxProblems()
{
    const QString path =
        writeFile(QStringLiteral("work/.env"),
                  "# FlowChat\nFLOWCHAT_SEND_RATE=5\nTWILIO_AUTH_TOKEN \"hunter2secret\"\nFLOWCHAT_LOG_LEVEL=debug\n");
    const Config config = loader().load();
    const QList<Error> problems = config.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().code, QStringLiteral("config.syntax"));
    QCOMPARE(problems.first().message, path + QStringLiteral(", line 3: expected KEY=VALUE"));
    // The lines around it still count.
    QCOMPARE(config.value(ConfigKey::SendRate), QStringLiteral("5"));
    QCOMPARE(config.value(ConfigKey::LogLevel), QStringLiteral("debug"));
}

void TestConfigLoader::unknownKeys()
{
    writeFile(QStringLiteral("work/.env"), "FLOWCHAT_SEND_RATEE=5\nCOMPOSE_PROJECT_NAME=chat\n");
    const Config config = loader().load();
    QVERIFY(config.validate().isEmpty());
    const QList<Error> warnings = config.warnings();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().field, QStringLiteral("FLOWCHAT_SEND_RATEE"));
    QVERIFY(warnings.first().message.endsWith(QStringLiteral("line 1: unknown key FLOWCHAT_SEND_RATEE")));
}

void TestConfigLoader::commandLineProblems_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("no equals sign") << QStringLiteral("0123456789abcdef0123456789abcdef") << QStringLiteral("--set")
                                    << QStringLiteral("--set expects KEY=VALUE");
    QTest::newRow("bad key") << QStringLiteral("tok en=abc") << QStringLiteral("--set")
                             << QStringLiteral("--set expects KEY=VALUE");
    QTest::newRow("unknown key") << QStringLiteral("FLOWCHAT_COLOUR=blue") << QStringLiteral("FLOWCHAT_COLOUR")
                                 << QStringLiteral("--set names an unknown key FLOWCHAT_COLOUR");
}

void TestConfigLoader::commandLineProblems()
{
    QFETCH(QString, assignment);
    QFETCH(QString, field);
    QFETCH(QString, message);
    ConfigLoader configLoader = loader();
    configLoader.setCommandLineValues({assignment, QStringLiteral("FLOWCHAT_SEND_RATE=9")});
    const Config config = configLoader.load();
    const QList<Error> problems = config.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().field, field);
    QCOMPARE(problems.first().message, message);
    QCOMPARE(config.value(ConfigKey::SendRate), QStringLiteral("9"));
}

void TestConfigLoader::worldReadableEnvFileWarns()
{
    const QString path = writeFile(QStringLiteral("work/.env"), "TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef\n");
    QVERIFY(loader().load().warnings().isEmpty());

    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    const QList<Error> warnings = loader().load().warnings();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().code, QStringLiteral("config.insecure"));
    QVERIFY(warnings.first().message.contains(path));
}

void TestConfigLoader::secretsNeverLogged_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("via");
    for (const QString& key : Config::keys()) {
        if (!Config::isSecret(key)) {
            continue;
        }
        const QString secret = QStringLiteral("TopSecret%1").arg(key.size());
        QTest::newRow(qPrintable(key + QStringLiteral(" from the environment")))
            << key << secret << QStringLiteral("environment");
        QTest::newRow(qPrintable(key + QStringLiteral(" from .env"))) << key << secret << QStringLiteral("env");
        QTest::newRow(qPrintable(key + QStringLiteral(" from --set"))) << key << secret << QStringLiteral("set");
    }
}

void TestConfigLoader::secretsNeverLogged()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, via);

    QProcessEnvironment environment;
    environment.insert(ConfigKey::Provider, QStringLiteral("twilio"));
    if (via == QLatin1String("environment")) {
        environment.insert(key, secret);
    } else if (via == QLatin1String("env")) {
        QVERIFY(!writeFile(QStringLiteral("work/.env"), (key + QLatin1Char('=') + secret).toUtf8()).isEmpty());
    }
    ConfigLoader configLoader = loader(environment);
    if (via == QLatin1String("set")) {
        configLoader.setCommandLineValues({key + QLatin1Char('=') + secret});
    }

    const LogCapture capture;
    const Config config = configLoader.load();
    QCOMPARE(config.value(key), secret);
    // The key itself was logged (masked), so the check below looked at real log lines.
    QVERIFY2(capture.contains(key + QStringLiteral(" = ********")),
             qPrintable(capture.lines().join(QLatin1Char('\n'))));
    QVERIFY(!capture.lines().isEmpty());
    for (const QString& line : capture.lines()) {
        QVERIFY2(!line.contains(secret), qPrintable(line));
    }
    for (const Error& error : config.validate() + config.warnings()) {
        QVERIFY2(!error.message.contains(secret), qPrintable(error.message));
    }
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "TestConfigLoader.moc"
