// Team mode with real processes: two `flowchat --headless` on one PostgreSQL database, as behind
// a load balancer. The same webhook arriving at both at once is stored once; a Brazilian number
// arriving with its ninth digit at one and without it at the other at once is one contact and one
// conversation; status updates for one message spread over both never leave it behind its
// highest status. Only one of them sends: killed mid-drain, the other takes over, and the
// provider receives no message twice.
#include "app/store/MessageStore.h"
#include "tests/integration/e2e/E2eSupport.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTest>

using namespace ApiTest;
using namespace Qt::StringLiterals;

class TestTeamProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sameWebhooksAtBothReceiversAreStoredOnce();
    void statusesSpreadOverBothReceiversNeverGoBack();
    void standbyTakesOverTheOutbox();

private:
    // Starts both receivers on the test's database, their provider API at `apiUrl` (none: a
    // closed port) and `extra` added to their .env.
    void startReceivers(const QString& apiUrl = {}, const QByteArray& extra = {});
    bool startReceiver(int index, const QString& apiUrl, const QByteArray& extra);
    // Posts every webhook to its receiver, all at once; gives how many were answered 200.
    int postAll(const QList<QPair<int, SignedWebhook>>& webhooks);
    // Whether each receiver still runs, and what it wrote to stderr: for a failure's message.
    QString receiversState() const;
    // One value per row of `sql` (first column), as text.
    QStringList column(const QString& sql);

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<E2e::Child> m_receivers[2]; // new for each test: a Child starts once
    quint16 m_ports[2] = {0, 0};
};

void TestTeamProcesses::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary(u"flowchat"_s)), "build flowchat first");
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestTeamProcesses::init()
{
    m_database = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // The schema first, so the receivers do not race to migrate it (one would wait for the other).
    StoreOptions options;
    options.path = m_database->name();
    MessageStore store(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store.open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
}

void TestTeamProcesses::startReceivers(const QString& apiUrl, const QByteArray& extra)
{
    for (int index = 0; index < 2; ++index) {
        m_receivers[index] = std::make_unique<E2e::Child>();
        QVERIFY2(startReceiver(index, apiUrl, extra),
                 qPrintable(m_receivers[index]->out() + m_receivers[index]->err()));
    }
}

void TestTeamProcesses::cleanup()
{
    for (auto& receiver : m_receivers) {
        if (receiver) {
            receiver->signal(SIGTERM);
            receiver->waitForExit();
            receiver.reset();
        }
    }
    m_dir.reset();
    m_database.reset();
}

bool TestTeamProcesses::startReceiver(int index, const QString& apiUrl, const QByteArray& extra)
{
    m_ports[index] = freePort();
    // Without an API URL, a closed port keeps the test offline (nothing is sent).
    const QByteArray api = apiUrl.isEmpty() ? "http://127.0.0.1:" + QByteArray::number(freePort()) : apiUrl.toUtf8();
    const QByteArray env =
        "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=" + api + "/v23.0\nWHATSAPP_API_TOKEN=" + kAccessToken.toUtf8()
        + "\nWHATSAPP_PHONE_NUMBER_ID=" + kPhoneNumberId.toUtf8() + "\nWHATSAPP_BUSINESS_ACCOUNT_ID=" + kWabaId.toUtf8()
        + "\nWHATSAPP_APP_SECRET=" + kAppSecret.toUtf8() + "\nFLOWCHAT_LISTEN=127.0.0.1:"
        + QByteArray::number(m_ports[index]) + "\nFLOWCHAT_API_TOKEN=" + kApiToken.toUtf8() + "\nFLOWCHAT_DATABASE="
        + m_database->name().toUtf8() + "\n" + (extra.isEmpty() ? QByteArray("FLOWCHAT_LOG_LEVEL=warning\n") : extra);
    const QString envFile = m_dir->filePath(u"receiver%1.env"_s.arg(index));
    const QString home = m_dir->filePath(u"home%1"_s.arg(index));
    return E2e::writeFile(envFile, env) && QDir().mkpath(home)
           && m_receivers[index]->start(E2e::binary(u"flowchat"_s),
                                        {u"--headless"_s, u"--env-file"_s, envFile},
                                        E2e::isolatedEnvironment(home),
                                        E2e::headlessReady());
}

int TestTeamProcesses::postAll(const QList<QPair<int, SignedWebhook>>& webhooks)
{
    QNetworkAccessManager managers[2];
    int finished = 0;
    int accepted = 0;
    for (const auto& [index, webhook] : webhooks) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/whatsapp/webhook"_s.arg(m_ports[index])));
        request.setHeader(QNetworkRequest::ContentTypeHeader, webhook.contentType);
        request.setRawHeader("X-Hub-Signature-256", webhook.headers.first().second);
        QNetworkReply* reply = managers[index].post(request, webhook.body);
        connect(reply, &QNetworkReply::finished, this, [&finished, &accepted, reply, index] {
            reply->deleteLater();
            ++finished;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200) {
                ++accepted;
            } else if (finished - accepted <= 3) {
                qWarning("receiver %d answered %d (%s): %s",
                         index,
                         status,
                         qPrintable(reply->errorString()),
                         reply->readAll().left(300).constData());
            }
        });
    }
    if (!QTest::qWaitFor([&] { return finished == webhooks.size(); }, 60000)) {
        return -1;
    }
    return accepted;
}

QString TestTeamProcesses::receiversState() const
{
    QString state = u"not every webhook was answered 200"_s;
    for (int index = 0; index < 2; ++index) {
        E2e::Child& receiver = *m_receivers[index];
        state += u"\nreceiver %1 on port %2: %3, exit code %4, stderr:\n%5"_s.arg(index)
                     .arg(m_ports[index])
                     .arg(receiver.process().state() == QProcess::Running ? u"running"_s : u"not running"_s)
                     .arg(receiver.process().exitCode())
                     .arg(receiver.err().right(1500));
    }
    return state;
}

QStringList TestTeamProcesses::column(const QString& sql)
{
    QStringList values;
    {
        auto db = m_database->connect(u"team-probe"_s);
        if (db) {
            QSqlQuery query(*db);
            if (query.exec(sql)) {
                while (query.next()) {
                    values << query.value(0).toString();
                }
            } else {
                values << u"error: "_s + query.lastError().text();
            }
        } else {
            values << u"error: "_s + db.error().message;
        }
    }
    QSqlDatabase::removeDatabase(u"team-probe"_s);
    return values;
}

void TestTeamProcesses::sameWebhooksAtBothReceiversAreStoredOnce()
{
    startReceivers();
    constexpr int kContacts = 40;
    QList<QPair<int, SignedWebhook>> webhooks;
    for (int i = 0; i < kContacts; ++i) {
        // The same customer, written as WhatsApp sometimes does: with the ninth digit, and without.
        const QString subscriber = QString::number(87650000 + i);
        const SignedWebhook withNine = metaInbound(u"+55119"_s + subscriber, u"Oi %1"_s.arg(i));
        const SignedWebhook withoutNine = metaInbound(u"+5511"_s + subscriber, u"Tudo bem? %1"_s.arg(i));
        // Each webhook at both receivers (a provider retry, a load balancer's second try).
        webhooks << qMakePair(0, withNine) << qMakePair(1, withoutNine) << qMakePair(1, withNine)
                 << qMakePair(0, withoutNine);
    }
    QVERIFY2(postAll(webhooks) == webhooks.size(), qPrintable(receiversState()));

    QCOMPARE(column(u"SELECT COUNT(*) FROM messages"_s), QStringList{QString::number(2 * kContacts)});
    QCOMPARE(column(u"SELECT COUNT(*) FROM messages GROUP BY provider_message_id HAVING COUNT(*) > 1"_s),
             QStringList());
    QCOMPARE(column(u"SELECT COUNT(*) FROM contacts"_s), QStringList{QString::number(kContacts)});
    QCOMPARE(column(u"SELECT COUNT(*) FROM conversations"_s), QStringList{QString::number(kContacts)});
    // Each conversation holds both messages, counted unread once each.
    QCOMPARE(column(u"SELECT DISTINCT unread_count FROM conversations"_s), QStringList{u"2"_s});
    QCOMPARE(column(u"SELECT DISTINCT COUNT(*) FROM messages GROUP BY conversation_id"_s), QStringList{u"2"_s});
    // Every request each receiver answered 200 is in its webhook log.
    QCOMPARE(column(u"SELECT COUNT(*) FROM webhook_log WHERE verdict = 'accepted'"_s),
             QStringList{QString::number(webhooks.size())});
}

void TestTeamProcesses::statusesSpreadOverBothReceiversNeverGoBack()
{
    startReceivers();
    constexpr int kMessages = 60;
    QList<qint64> ids;
    {
        // Sent messages, as the team's sender leaves them: accepted by Meta with an id.
        StoreOptions options;
        options.path = m_database->name();
        MessageStore store(options);
        QVERIFY(StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store.open(c, done); }));
        for (int i = 0; i < kMessages; ++i) {
            const auto inserted = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
                store.insertOutgoing(u"meta"_s, StoreTest::text(kCustomer, u"Your order %1 shipped"_s.arg(i)), c, done);
            });
            QVERIFY2(inserted, qPrintable(outcome(inserted)));
            QVERIFY(StoreTest::await<MessageUpdate>(
                this, [&](QObject* c, auto done) { store.markSending(inserted->id, u"meta"_s, c, done); }));
            QVERIFY(StoreTest::await<MessageUpdate>(this, [&](QObject* c, auto done) {
                store.recordSendAccepted(
                    inserted->id, {u"wamid.out.%1"_s.arg(i), MessageStatus::Queued, u"accepted"_s}, c, done);
            }));
            ids << inserted->id;
        }
    }

    // Every status of every message at once, the later ones at the other receiver than the earlier.
    QList<QPair<int, SignedWebhook>> webhooks;
    for (int i = 0; i < kMessages; ++i) {
        const QString id = u"wamid.out.%1"_s.arg(i);
        webhooks << qMakePair(i % 2, metaStatus(id, u"read"_s)) << qMakePair(1 - i % 2, metaStatus(id, u"delivered"_s))
                 << qMakePair(i % 2, metaStatus(id, u"sent"_s)) << qMakePair(1 - i % 2, metaStatus(id, u"read"_s));
    }
    QVERIFY2(postAll(webhooks) == webhooks.size(), qPrintable(receiversState()));

    QCOMPARE(column(u"SELECT DISTINCT status FROM messages"_s), QStringList{u"read"_s});
}

void TestTeamProcesses::standbyTakesOverTheOutbox()
{
    constexpr int kMessages = 200;
    constexpr int kKillAfter = 40; // messages the provider has accepted when the sender dies
    E2e::Child emulator;
    QVERIFY2(emulator.start(E2e::binary(u"flowchat-emulator"_s),
                            {u"--provider"_s,
                             u"meta"_s,
                             u"--access-token"_s,
                             kAccessToken,
                             u"--phone-number-id"_s,
                             kPhoneNumberId,
                             u"--waba-id"_s,
                             kWabaId,
                             u"--app-secret"_s,
                             kAppSecret},
                            E2e::isolatedEnvironment(m_dir->path()),
                            E2e::listeningOn()),
             qPrintable(emulator.err()));
    Client provider{QUrl(emulator.captured())};
    const auto accepted = [&provider] {
        return provider.get(u"/_emulator/messages"_s).json.value(u"messages"_s).toArray();
    };
    // 40 a second, so the drain takes seconds and the kill lands in the middle of it; info logs
    // say which process sends.
    startReceivers(emulator.captured(),
                   "FLOWCHAT_SEND_RATE=40\nFLOWCHAT_WINDOW_POLICY=warn\nFLOWCHAT_LOG_LEVEL=info\n");
    const QString elected = u"now sends for the team"_s;
    QTRY_VERIFY_WITH_TIMEOUT(m_receivers[0]->err().contains(elected) || m_receivers[1]->err().contains(elected), 10000);
    const int sender = m_receivers[0]->err().contains(elected) ? 0 : 1;
    const int standby = 1 - sender;
    QVERIFY2(!m_receivers[standby]->err().contains(elected), "two processes hold the outbox lock");

    // Sent through the standby's API: the sender finds them in the database.
    Client api{QUrl(u"http://127.0.0.1:%1"_s.arg(m_ports[standby]))};
    for (int i = 0; i < kMessages; ++i) {
        const Response sent =
            api.postJson(u"/api/whatsapp/send"_s, {{u"to"_s, kCustomer}, {u"body"_s, u"message %1"_s.arg(i)}});
        QVERIFY2(sent.status == 202, sent.body.constData());
    }
    QTRY_VERIFY_WITH_TIMEOUT(accepted().size() >= kKillAfter, 20000);
    m_receivers[sender]->signal(SIGKILL);
    QElapsedTimer sinceKill;
    sinceKill.start();
    QVERIFY(m_receivers[sender]->waitForExit());
    QTRY_VERIFY_WITH_TIMEOUT(m_receivers[standby]->err().contains(elected), 10000);
    qInfo("the standby took over %lld ms after the sender was killed", sinceKill.elapsed());

    // Nothing waits or hangs in flight: each message was sent, or is `unknown` because the dead
    // sender may have sent it (and no one sends it again on their own).
    QTRY_COMPARE_WITH_TIMEOUT(
        column(u"SELECT COUNT(*) FROM messages WHERE status IN ('pending', 'sending')"_s), QStringList{u"0"_s}, 30000);
    const QStringList unknown = column(u"SELECT body FROM messages WHERE status = 'unknown'"_s);
    QSet<QString> bodies;
    const QJsonArray messages = accepted();
    for (const QJsonValue& message : messages) {
        const QString body = message[u"request"_s][u"text"_s][u"body"_s].toString();
        QVERIFY2(!bodies.contains(body), qPrintable(u"sent twice: "_s + body));
        bodies.insert(body);
    }
    for (const QString& body : column(u"SELECT body FROM messages WHERE status <> 'unknown'"_s)) {
        QVERIFY2(bodies.contains(body), qPrintable(u"never reached the provider: "_s + body));
    }
    QCOMPARE(bodies.size() + unknown.size() - (bodies & QSet<QString>(unknown.cbegin(), unknown.cend())).size(),
             kMessages);
    qInfo("%lld sent, %lld unknown after the kill", qint64(bodies.size()), qint64(unknown.size()));

    // The new sender stops cleanly.
    m_receivers[standby]->signal(SIGTERM);
    QVERIFY(m_receivers[standby]->waitForExit());
    QCOMPARE(m_receivers[standby]->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_receivers[standby]->process().exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestTeamProcesses)
#include "TestTeamProcesses.moc"
