// End to end with real processes: `flowchat --headless` beside `flowchat-emulator` for each
// provider. Sends go out through the API and come back as signed status webhooks (ticks to read),
// the emulated contact writes in, templates are sent, and forged webhooks are refused.
#include "E2eSupport.h"

#include <QTest>

using namespace ApiTest;

class TestEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void roundTrip_data();
    void roundTrip();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEndToEnd::init()
{
    QVERIFY2(QFile::exists(E2e::binary(QStringLiteral("flowchat"))), "build flowchat first");
    QVERIFY2(QFile::exists(E2e::binary(QStringLiteral("flowchat-emulator"))), "build flowchat-emulator first");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEndToEnd::cleanup()
{
    m_dir.reset();
}

void TestEndToEnd::roundTrip_data()
{
    addFlavourRows();
}

void TestEndToEnd::roundTrip()
{
    QFETCH(Flavour, flavour);
    const bool twilio = flavour == Flavour::Twilio;
    const QProcessEnvironment environment = E2e::isolatedEnvironment(m_dir->path());
    PortReservation reservation; // until the emulator has its own port
    const quint16 port = reservation.port();
    const QString receiver = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const QString webhookUrl = receiver + QStringLiteral("/api/whatsapp/webhook");

    E2e::Child emulator;
    QStringList emulatorArguments{
        QStringLiteral("--webhook-url"), webhookUrl, QStringLiteral("--status-delay-ms"), QStringLiteral("50")};
    if (twilio) {
        emulatorArguments << QStringLiteral("--provider") << QStringLiteral("twilio") << QStringLiteral("--account-sid")
                          << kAccountSid << QStringLiteral("--auth-token") << kAuthToken;
    } else {
        emulatorArguments << QStringLiteral("--provider") << QStringLiteral("meta") << QStringLiteral("--access-token")
                          << kAccessToken << QStringLiteral("--phone-number-id") << kPhoneNumberId
                          << QStringLiteral("--waba-id") << kWabaId << QStringLiteral("--app-secret") << kAppSecret;
    }
    QVERIFY2(emulator.start(
                 E2e::binary(QStringLiteral("flowchat-emulator")), emulatorArguments, environment, E2e::listeningOn()),
             qPrintable(emulator.err()));
    const QString emulatorUrl = emulator.captured();

    QByteArray env = "FLOWCHAT_LISTEN=127.0.0.1:" + QByteArray::number(port)
                     + "\nFLOWCHAT_API_TOKEN=" + kApiToken.toUtf8()
                     + "\nFLOWCHAT_DATABASE=" + m_dir->filePath(QStringLiteral("flowchat.sqlite")).toUtf8()
                     + "\nFLOWCHAT_MEDIA_CACHE=" + m_dir->filePath(QStringLiteral("media")).toUtf8() + "\n";
    if (twilio) {
        env += "WHATSAPP_PROVIDER=twilio\nTWILIO_ACCOUNT_SID=" + kAccountSid.toUtf8()
               + "\nTWILIO_AUTH_TOKEN=" + kAuthToken.toUtf8() + "\nTWILIO_WHATSAPP_NUMBER=" + kTwilioNumber.toUtf8()
               + "\nTWILIO_API_BASE_URL=" + emulatorUrl.toUtf8() + "\nTWILIO_CONTENT_BASE_URL=" + emulatorUrl.toUtf8()
               + "\nFLOWCHAT_PUBLIC_URL=" + receiver.toUtf8() + "\n";
    } else {
        env += "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=" + emulatorUrl.toUtf8() + "/v23.0\nWHATSAPP_API_TOKEN="
               + kAccessToken.toUtf8() + "\nWHATSAPP_PHONE_NUMBER_ID=" + kPhoneNumberId.toUtf8()
               + "\nWHATSAPP_BUSINESS_ACCOUNT_ID=" + kWabaId.toUtf8() + "\nWHATSAPP_APP_SECRET=" + kAppSecret.toUtf8()
               + "\nWHATSAPP_VERIFY_TOKEN=" + kVerifyToken.toUtf8() + "\nFLOWCHAT_PUBLIC_URL=" + receiver.toUtf8()
               + "\n";
    }
    const QString envFile = m_dir->filePath(QStringLiteral("flowchat.env"));
    QVERIFY(E2e::writeFile(envFile, env));
    reservation.release();

    E2e::Child flowchat;
    QVERIFY2(flowchat.start(E2e::binary(QStringLiteral("flowchat")),
                            {QStringLiteral("--headless"), QStringLiteral("--env-file"), envFile},
                            environment,
                            E2e::headlessReady()),
             qPrintable(flowchat.out() + flowchat.err()));
    QCOMPARE(flowchat.captured(), receiver);
    QVERIFY(flowchat.out().contains(QStringLiteral("database ") + m_dir->filePath(QStringLiteral("flowchat.sqlite"))));
    Client api{QUrl(receiver)};
    Client admin{QUrl(emulatorUrl)};

    // The contact writes first (through the emulator's signed webhook), which opens the window.
    const Response inbound = admin.postJson(QStringLiteral("/_emulator/inbound"),
                                            {{QStringLiteral("from"), kCustomer},
                                             {QStringLiteral("body"), QStringLiteral("Olá, preciso de ajuda")},
                                             {QStringLiteral("name"), QStringLiteral("Ana")}});
    QVERIFY2(inbound.status == 200, inbound.body.constData());
    const QString conversation = QStringLiteral("/api/whatsapp/messages?contact=%2B14155550100");
    QTRY_COMPARE_WITH_TIMEOUT(api.get(conversation).json.value(QStringLiteral("messages")).toArray().size(), 1, 10000);
    const QJsonObject received =
        api.get(conversation).json.value(QStringLiteral("messages")).toArray().first().toObject();
    QCOMPARE(received.value(QStringLiteral("direction")).toString(), QStringLiteral("inbound"));
    QCOMPARE(received.value(QStringLiteral("body")).toString(), QStringLiteral("Olá, preciso de ajuda"));

    // Our answer goes out and its ticks come back to read.
    const Response sent =
        api.postJson(QStringLiteral("/api/whatsapp/send"),
                     {{QStringLiteral("to"), kCustomer}, {QStringLiteral("body"), QStringLiteral("Claro! 👋")}});
    QVERIFY2(sent.status == 202, sent.body.constData());
    const QString sentPath =
        QStringLiteral("/api/whatsapp/messages/%1").arg(sent.json.value(QStringLiteral("id")).toInteger());
    QTRY_COMPARE_WITH_TIMEOUT(
        api.get(sentPath).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 15000);
    QStringList ladder;
    for (const QJsonValue& event : api.get(sentPath).json.value(QStringLiteral("status_history")).toArray()) {
        ladder.append(event.toObject().value(QStringLiteral("status")).toString());
    }
    QVERIFY2(ladder.contains(QStringLiteral("sent")) && ladder.contains(QStringLiteral("delivered")),
             qPrintable(ladder.join(u',')));

    // A template, chosen from the list the provider gave at start.
    QTRY_VERIFY_WITH_TIMEOUT(
        !api.get(QStringLiteral("/api/whatsapp/templates")).json.value(QStringLiteral("templates")).toArray().isEmpty(),
        10000);
    QJsonObject chosen;
    for (const QJsonValue& value :
         api.get(QStringLiteral("/api/whatsapp/templates")).json.value(QStringLiteral("templates")).toArray()) {
        const QJsonObject t = value.toObject();
        if (t.value(QStringLiteral("status")).toString() == QLatin1String("approved")
            && t.value(QStringLiteral("parameter_format")).toString() != QLatin1String("NAMED")
            && t.value(QStringLiteral("header_format")).toString() != QLatin1String("IMAGE")) {
            chosen = t;
            break;
        }
    }
    QVERIFY2(!chosen.isEmpty(), "no approved positional template");
    QJsonObject parameters;
    for (const QJsonValue& key : chosen.value(QStringLiteral("placeholders")).toArray()) {
        parameters.insert(key.toString(), QStringLiteral("Ana"));
    }
    const Response templated =
        api.postJson(QStringLiteral("/api/whatsapp/send-template"),
                     {{QStringLiteral("to"), kCustomer},
                      {QStringLiteral("template_name"), chosen.value(QStringLiteral("name"))},
                      {QStringLiteral("language_code"), chosen.value(QStringLiteral("language"))},
                      {QStringLiteral("parameters"), parameters}});
    QVERIFY2(templated.status == 202, templated.body.constData());
    const QString templatePath =
        QStringLiteral("/api/whatsapp/messages/%1").arg(templated.json.value(QStringLiteral("id")).toInteger());
    QTRY_COMPARE_WITH_TIMEOUT(
        api.get(templatePath).json.value(QStringLiteral("status")).toString(), QStringLiteral("read"), 15000);
    QCOMPARE(api.get(templatePath).json.value(QStringLiteral("template_name")).toString(),
             chosen.value(QStringLiteral("name")).toString());

    // The emulator accepted each of our two sends exactly once.
    QCOMPARE(admin.get(QStringLiteral("/_emulator/messages"), std::nullopt)
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             2);

    // Forged webhooks straight at the receiver are refused, and stored nowhere.
    const SignedWebhook forged =
        twilio ? twilioInbound(
            QUrl(webhookUrl), kCustomer, QStringLiteral("forged"), QStringLiteral("ffffffffffffffffffffffffffffffff"))
               : metaInbound(kCustomer, QStringLiteral("forged"), QStringLiteral("not-the-app-secret"));
    QCOMPARE(postWebhook(api, forged).status, 403);
    QCOMPARE(api.get(conversation).json.value(QStringLiteral("messages")).toArray().size(), 3);
    const QJsonArray log =
        api.get(QStringLiteral("/api/whatsapp/webhooks?limit=1")).json.value(QStringLiteral("webhooks")).toArray();
    QCOMPARE(log.first().toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("refused"));

    // `flowchat doctor` against the running receiver: everything passes but the refused webhook,
    // which it names.
    E2e::Child doctor;
    QVERIFY(doctor.run(E2e::binary(QStringLiteral("flowchat")),
                       {QStringLiteral("doctor"), QStringLiteral("--env-file"), envFile},
                       environment));
    QCOMPARE(doctor.process().exitCode(), 1);
    for (const QString& line : {QStringLiteral("PASS  Configuration"),
                                QStringLiteral("PASS  Provider"),
                                QStringLiteral("PASS  Receiver"),
                                QStringLiteral("PASS  Public URL"),
                                QStringLiteral("FAIL  Webhook #")}) {
        QVERIFY2(doctor.out().contains(line), qPrintable(doctor.out()));
    }
    QVERIFY(!doctor.out().contains(kAuthToken) && !doctor.out().contains(kAppSecret)
            && !doctor.out().contains(kApiToken));

    // `flowchat replay-webhook ID`: an accepted one stores nothing twice; the forged one stays refused.
    qint64 acceptedId = 0;
    qint64 refusedId = 0;
    for (const QJsonValue& value :
         api.get(QStringLiteral("/api/whatsapp/webhooks?limit=100")).json.value(QStringLiteral("webhooks")).toArray()) {
        const QJsonObject entry = value.toObject();
        (entry.value(QStringLiteral("verdict")).toString() == QLatin1String("accepted") ? acceptedId : refusedId) =
            entry.value(QStringLiteral("id")).toInteger();
    }
    E2e::Child replay;
    QVERIFY(replay.run(
        E2e::binary(QStringLiteral("flowchat")),
        {QStringLiteral("replay-webhook"), QString::number(acceptedId), QStringLiteral("--env-file"), envFile},
        environment));
    QVERIFY2(replay.process().exitCode() == 0, qPrintable(replay.out() + replay.err()));
    QVERIFY2(replay.out().contains(QStringLiteral("accepted")), qPrintable(replay.out()));
    QCOMPARE(api.get(conversation).json.value(QStringLiteral("messages")).toArray().size(), 3);
    E2e::Child replayForged;
    QVERIFY(replayForged.run(
        E2e::binary(QStringLiteral("flowchat")),
        {QStringLiteral("replay-webhook"), QString::number(refusedId), QStringLiteral("--env-file"), envFile},
        environment));
    QCOMPARE(replayForged.process().exitCode(), 1);
    QVERIFY2(replayForged.out().contains(QStringLiteral("refused")), qPrintable(replayForged.out()));

    // SIGTERM stops it gracefully.
    flowchat.signal(SIGTERM);
    QVERIFY(flowchat.waitForExit());
    QCOMPARE(flowchat.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(flowchat.process().exitCode() == 0, qPrintable(flowchat.err()));
    QVERIFY(!flowchat.err().contains(kAuthToken) && !flowchat.err().contains(kApiToken)
            && !flowchat.err().contains(kAppSecret));
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
