#include "app/config/CommandLine.h"

#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void refused_data();
    void refused();
    void replayWebhookId();
    void migrateStorePaths();
};

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("envFile");
    QTest::addColumn<QStringList>("assignments");

    const QString exe = QStringLiteral("flowchat");
    QTest::newRow("nothing: the GUI") << QStringList{exe} << int(CommandLine::Mode::Gui) << QString() << QStringList();
    QTest::newRow("version") << QStringList{exe, QStringLiteral("--version")} << int(CommandLine::Mode::Version)
                             << QString() << QStringList();
    QTest::newRow("help wins over headless") << QStringList{exe, QStringLiteral("--headless"), QStringLiteral("-h")}
                                             << int(CommandLine::Mode::Help) << QString() << QStringList();
    QTest::newRow("headless") << QStringList{exe, QStringLiteral("--headless")} << int(CommandLine::Mode::Headless)
                              << QString() << QStringList();
    QTest::newRow("doctor") << QStringList{exe, QStringLiteral("doctor")} << int(CommandLine::Mode::Doctor) << QString()
                            << QStringList();
    QTest::newRow("replay-webhook") << QStringList{exe, QStringLiteral("replay-webhook"), QStringLiteral("42")}
                                    << int(CommandLine::Mode::ReplayWebhook) << QString() << QStringList();
    QTest::newRow("migrate-store") << QStringList{exe,
                                                  QStringLiteral("migrate-store"),
                                                  QStringLiteral("--from"),
                                                  QStringLiteral("/a/flowchat.sqlite"),
                                                  QStringLiteral("--to=postgresql:///flowchat")}
                                   << int(CommandLine::Mode::MigrateStore) << QString() << QStringList();
    QTest::newRow("print api token with an env file")
        << QStringList{exe,
                       QStringLiteral("--print-api-token"),
                       QStringLiteral("--env-file"),
                       QStringLiteral("/c/.env")}
        << int(CommandLine::Mode::PrintApiToken) << QStringLiteral("/c/.env") << QStringList();
    QTest::newRow("env file, both spellings")
        << QStringList{exe, QStringLiteral("--env-file=/a/.env")} << int(CommandLine::Mode::Gui)
        << QStringLiteral("/a/.env") << QStringList();
    QTest::newRow("env file with a space") << QStringList{exe, QStringLiteral("--env-file"), QStringLiteral("/b/.env")}
                                           << int(CommandLine::Mode::Gui) << QStringLiteral("/b/.env") << QStringList();
    QTest::newRow("repeated --set keeps order, = inside values")
        << QStringList{exe,
                       QStringLiteral("--set"),
                       QStringLiteral("WHATSAPP_PROVIDER=twilio"),
                       QStringLiteral("--set=FLOWCHAT_PUBLIC_URL=https://x.example/?a=b"),
                       QStringLiteral("--headless")}
        << int(CommandLine::Mode::Headless) << QString()
        << QStringList{QStringLiteral("WHATSAPP_PROVIDER=twilio"),
                       QStringLiteral("FLOWCHAT_PUBLIC_URL=https://x.example/?a=b")};
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, mode);
    QFETCH(QString, envFile);
    QFETCH(QStringList, assignments);

    const Result<CommandLine> parsed = CommandLine::parse(arguments);
    QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(int(parsed->mode()), mode);
    QCOMPARE(parsed->envFile(), envFile);
    QCOMPARE(parsed->assignments(), assignments);
}

void TestCommandLine::refused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("notInMessage"); // must not be echoed back
    const QString exe = QStringLiteral("flowchat");
    QTest::newRow("unknown option") << QStringList{exe, QStringLiteral("--colour")} << QString();
    QTest::newRow("--set without a value") << QStringList{exe, QStringLiteral("--set")} << QString();
    QTest::newRow("stray argument may be a secret")
        << QStringList{exe, QStringLiteral("--set"), QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("s3cretvalue")}
        << QStringLiteral("s3cretvalue");
    QTest::newRow("doctor and headless") << QStringList{exe, QStringLiteral("doctor"), QStringLiteral("--headless")}
                                         << QString();
    QTest::newRow("print api token and headless")
        << QStringList{exe, QStringLiteral("--print-api-token"), QStringLiteral("--headless")} << QString();
    QTest::newRow("print api token and doctor")
        << QStringList{exe, QStringLiteral("--print-api-token"), QStringLiteral("doctor")} << QString();
    QTest::newRow("replay-webhook without an id") << QStringList{exe, QStringLiteral("replay-webhook")} << QString();
    QTest::newRow("replay-webhook with a word")
        << QStringList{exe, QStringLiteral("replay-webhook"), QStringLiteral("x")} << QString();
    QTest::newRow("migrate-store without --to")
        << QStringList{exe, QStringLiteral("migrate-store"), QStringLiteral("--from"), QStringLiteral("/a.db")}
        << QString();
    QTest::newRow("--to without migrate-store")
        << QStringList{exe, QStringLiteral("--to"), QStringLiteral("postgresql://u:pw@h/db")} << QStringLiteral("pw@");
    QTest::newRow("replay-webhook and headless")
        << QStringList{exe, QStringLiteral("replay-webhook"), QStringLiteral("1"), QStringLiteral("--headless")}
        << QString();
}

void TestCommandLine::refused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, notInMessage);
    const Result<CommandLine> parsed = CommandLine::parse(arguments);
    QVERIFY(!parsed.has_value());
    QVERIFY(!parsed.error().message.isEmpty());
    if (!notInMessage.isEmpty()) {
        QVERIFY2(!parsed.error().message.contains(notInMessage), qPrintable(parsed.error().message));
    }
}

void TestCommandLine::migrateStorePaths()
{
    const Result<CommandLine> parsed = CommandLine::parse({QStringLiteral("flowchat"),
                                                           QStringLiteral("migrate-store"),
                                                           QStringLiteral("--to"),
                                                           QStringLiteral("postgresql://agent@db/flowchat"),
                                                           QStringLiteral("--from"),
                                                           QStringLiteral("/home/a/flowchat.sqlite")});
    QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->migrateFrom(), QStringLiteral("/home/a/flowchat.sqlite"));
    QCOMPARE(parsed->migrateTo(), QStringLiteral("postgresql://agent@db/flowchat"));
    QVERIFY(CommandLine::helpText().contains(QStringLiteral("migrate-store --from PATH --to URI")));
}

void TestCommandLine::replayWebhookId()
{
    const Result<CommandLine> parsed = CommandLine::parse(
        {QStringLiteral("flowchat"), QStringLiteral("replay-webhook"), QStringLiteral("1234567890123")});
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->replayWebhookId(), 1234567890123LL);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
