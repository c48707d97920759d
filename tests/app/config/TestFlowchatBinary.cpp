#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

namespace
{

const QString kSecret = QStringLiteral("fedcba9876543210fedcba9876543210");

QString flowchatPath()
{
    return QStringLiteral(FLOWCHAT_BIN_DIR "/flowchat");
}

} // namespace

// Runs the built `flowchat`, so argument handling, exit codes and the GUI's start and stop are
// checked the way a user or a service manager sees them.
class TestFlowchatBinary : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void versionNeedsNoDisplay();
    void helpAndUsage_data();
    void helpAndUsage();
    void headlessRefusesABrokenConfiguration();
    void doctorShowsOrigins();
    void guiStartsAndStops_data();
    void guiStartsAndStops();

private:
    QString writeEnvFile(const QByteArray& content);
    QProcessEnvironment isolatedEnvironment() const;
    // Starts flowchat and waits for it to end; returns false on a time-out.
    bool run(QProcess& process, const QStringList& arguments, const QProcessEnvironment& environment);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFlowchatBinary::init()
{
    QVERIFY2(QFile::exists(flowchatPath()), qPrintable(flowchatPath()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFlowchatBinary::cleanup()
{
    m_dir.reset();
}

QString TestFlowchatBinary::writeEnvFile(const QByteArray& content)
{
    const QString path = m_dir->filePath(QStringLiteral("test.env"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return QString();
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

// No FlowChat keys from the caller, and the user's config, data and cache folders redirected
// into the test's own folder.
QProcessEnvironment TestFlowchatBinary::isolatedEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("FLOWCHAT_")) || name.startsWith(QLatin1String("WHATSAPP_"))
            || name.startsWith(QLatin1String("TWILIO_"))) {
            environment.remove(name);
        }
    }
    for (const char* folder : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString name = QString::fromLatin1(folder);
        QDir(m_dir->path()).mkpath(name);
        environment.insert(name, m_dir->filePath(name));
    }
    QFile::setPermissions(m_dir->filePath(QStringLiteral("XDG_RUNTIME_DIR")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return environment;
}

bool TestFlowchatBinary::run(QProcess& process, const QStringList& arguments, const QProcessEnvironment& environment)
{
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_dir->path());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(flowchatPath(), arguments);
    return finished.wait(30000);
}

void TestFlowchatBinary::versionNeedsNoDisplay()
{
    QProcessEnvironment environment = isolatedEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess process;
    QVERIFY(run(process, {QStringLiteral("--version")}, environment));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("flowchat " FLOWCHAT_VERSION "\n"));
    QCOMPARE(process.readAllStandardError(), QByteArray());
}

void TestFlowchatBinary::helpAndUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stdoutContains");
    QTest::addColumn<QByteArray>("stderrContains");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QByteArray("--env-file <path>")
                          << QByteArray();
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--colour")} << 2 << QByteArray()
                                    << QByteArray("flowchat: Unknown option 'colour'.");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("frobnicate")} << 2 << QByteArray()
                                    << QByteArray("Try 'flowchat --help'.");
    QTest::newRow("Qt's own options are left to Qt")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--version")} << 0
        << QByteArray("flowchat " FLOWCHAT_VERSION "\n") << QByteArray();
}

void TestFlowchatBinary::helpAndUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stdoutContains);
    QFETCH(QByteArray, stderrContains);
    // No display: usage errors must not depend on one.
    QProcessEnvironment environment = isolatedEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess process;
    QVERIFY(run(process, arguments, environment));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(out.contains(stdoutContains), out.constData());
    QVERIFY2(err.contains(stderrContains), err.constData());
}

void TestFlowchatBinary::headlessRefusesABrokenConfiguration()
{
    const QString envFile = writeEnvFile(
        "WHATSAPP_PROVIDER=twilio\nTWILIO_ACCOUNT_SID=AC123\nTWILIO_AUTH_TOKEN=" + kSecret.toUtf8() + "\n");
    QVERIFY(!envFile.isEmpty());
    QProcess process;
    QVERIFY(run(process, {QStringLiteral("--headless"), QStringLiteral("--env-file"), envFile}, isolatedEnvironment()));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    // Every problem, by key, before it gives up.
    QVERIFY2(
        err.contains(QStringLiteral("flowchat: error: TWILIO_ACCOUNT_SID must start with AC and have 34 characters")),
        qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral(
                 "flowchat: error: TWILIO_WHATSAPP_NUMBER is required when WHATSAPP_PROVIDER is twilio")),
             qPrintable(err));
    QVERIFY2(err.trimmed().split(QLatin1Char('\n')).last().startsWith(QStringLiteral("flowchat: headless mode")),
             qPrintable(err));
    QVERIFY(!err.contains(kSecret));
    QVERIFY(!process.readAllStandardOutput().contains(kSecret.toUtf8()));
}

void TestFlowchatBinary::doctorShowsOrigins()
{
    const QString envFile = writeEnvFile("TWILIO_AUTH_TOKEN=" + kSecret.toUtf8() + "\nFLOWCHAT_SEND_RATE=5\n");
    QVERIFY(!envFile.isEmpty());
    QProcessEnvironment environment = isolatedEnvironment();
    environment.insert(QStringLiteral("FLOWCHAT_SEND_CONCURRENCY"), QStringLiteral("3"));
    QProcess process;
    QVERIFY(run(process,
                {QStringLiteral("doctor"),
                 QStringLiteral("--env-file"),
                 envFile,
                 QStringLiteral("--set"),
                 QStringLiteral("FLOWCHAT_LOG_LEVEL=warning")},
                environment));
    // The exit code belongs to the webhook checks that follow the table; only the table is checked here.
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const auto lineFor = [&out](const QString& key) {
        for (const QString& line : out.split(QLatin1Char('\n'))) {
            if (line.startsWith(key + QLatin1Char(' '))) {
                return line;
            }
        }
        return QString();
    };
    QVERIFY2(lineFor(QStringLiteral("FLOWCHAT_SEND_RATE")).endsWith(QStringLiteral("= 5  (.env file %1)").arg(envFile)),
             qPrintable(out));
    QVERIFY2(lineFor(QStringLiteral("FLOWCHAT_SEND_CONCURRENCY")).endsWith(QStringLiteral("= 3  (environment)")),
             qPrintable(out));
    QVERIFY2(
        lineFor(QStringLiteral("FLOWCHAT_LOG_LEVEL")).endsWith(QStringLiteral("= warning  (command line (--set))")),
        qPrintable(out));
    QVERIFY2(lineFor(QStringLiteral("FLOWCHAT_LISTEN")).endsWith(QStringLiteral("= 127.0.0.1:8080  (default)")),
             qPrintable(out));
    QVERIFY2(lineFor(QStringLiteral("TWILIO_AUTH_TOKEN")).contains(QStringLiteral("= ********  (.env file")),
             qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("No configuration problems.")));
    QVERIFY(!out.contains(kSecret));
    QVERIFY(!process.readAllStandardError().contains(kSecret.toUtf8()));
}

void TestFlowchatBinary::guiStartsAndStops_data()
{
    QTest::addColumn<QByteArray>("envFile");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QByteArray>("stderrContains");
    // Port 0: parallel tests never fight over 8080.
    QTest::newRow("sandbox, SIGTERM") << QByteArray("WHATSAPP_PROVIDER=sandbox\nFLOWCHAT_LISTEN=127.0.0.1:0\n")
                                      << int(SIGTERM) << QByteArray();
    QTest::newRow("sandbox, SIGINT") << QByteArray("WHATSAPP_PROVIDER=sandbox\nFLOWCHAT_LISTEN=127.0.0.1:0\n")
                                     << int(SIGINT) << QByteArray();
    QTest::newRow("problems are printed, the window still opens")
        << QByteArray("WHATSAPP_PROVIDER=direct\nFLOWCHAT_SEND_RATE=fast\nFLOWCHAT_LISTEN=127.0.0.1:0\n")
        << int(SIGTERM) << QByteArray("flowchat: error: FLOWCHAT_SEND_RATE must be a positive number");
}

void TestFlowchatBinary::guiStartsAndStops()
{
    QFETCH(QByteArray, envFile);
    QFETCH(int, signal);
    QFETCH(QByteArray, stderrContains);

    const QString path = writeEnvFile(envFile);
    QVERIFY(!path.isEmpty());
    QProcessEnvironment environment = isolatedEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_dir->path());
    QByteArray err;
    connect(
        &process, &QProcess::readyReadStandardError, this, [&process, &err] { err += process.readAllStandardError(); });
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(flowchatPath(), {QStringLiteral("--env-file"), path});
    QVERIFY(process.waitForStarted(10000));

    QTRY_VERIFY2_WITH_TIMEOUT(err.contains("flowchat: console ready\n") || finished.size() > 0, err.constData(), 30000);
    QCOMPARE(process.state(), QProcess::Running);
    QVERIFY2(err.contains(stderrContains), err.constData());

    QCOMPARE(::kill(static_cast<pid_t>(process.processId()), signal), 0);
    QVERIFY(finished.size() > 0 || finished.wait(30000));
    err += process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestFlowchatBinary)
#include "TestFlowchatBinary.moc"
