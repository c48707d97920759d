// Team mode's receivers: two `flowchat --headless` processes on one PostgreSQL database, as behind
// a load balancer. The same webhook arriving at both at once is stored once; a Brazilian number
// arriving with its ninth digit at one and without it at the other at once is one contact and one
// conversation; status updates for one message spread over both never leave it behind its
// highest status.
#include "app/store/MessageStore.h"
#include "tests/integration/e2e/E2eSupport.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTest>

using namespace ApiTest;
using namespace Qt::StringLiterals;

class TestTeamReceivers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sameWebhooksAtBothReceiversAreStoredOnce();
    void statusesSpreadOverBothReceiversNeverGoBack();

private:
    // Starts receiver `index` (0 or 1) on the test's database.
    bool startReceiver(int index);
    // Posts every webhook to its receiver, all at once; gives how many were answered 200.
    int postAll(const QList<QPair<int, SignedWebhook>>& webhooks);
    // One value per row of `sql` (first column), as text.
    QStringList column(const QString& sql);

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<E2e::Child> m_receivers[2]; // new for each test: a Child starts once
    quint16 m_ports[2] = {0, 0};
};

void TestTeamReceivers::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary(u"flowchat"_s)), "build flowchat first");
    TestDatabase probe(TestDatabase::Kind::Postgres);
    if (probe.name().isEmpty()) {
        if (qEnvironmentVariableIsEmpty("FLOWCHAT_REQUIRE_POSTGRES")) {
            QSKIP(qPrintable(probe.error()));
        }
        QFAIL(qPrintable(probe.error()));
    }
}

void TestTeamReceivers::init()
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
    for (int index = 0; index < 2; ++index) {
        m_receivers[index] = std::make_unique<E2e::Child>();
        QVERIFY2(startReceiver(index), qPrintable(m_receivers[index]->out() + m_receivers[index]->err()));
    }
}

void TestTeamReceivers::cleanup()
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

bool TestTeamReceivers::startReceiver(int index)
{
    m_ports[index] = freePort();
    // The provider's API is never called here (no sends); a closed port keeps the test offline.
    const QByteArray env =
        "WHATSAPP_PROVIDER=direct\nWHATSAPP_API_URL=http://127.0.0.1:" + QByteArray::number(freePort())
        + "/v23.0\nWHATSAPP_API_TOKEN=" + kAccessToken.toUtf8()
        + "\nWHATSAPP_PHONE_NUMBER_ID=" + kPhoneNumberId.toUtf8() + "\nWHATSAPP_BUSINESS_ACCOUNT_ID=" + kWabaId.toUtf8()
        + "\nWHATSAPP_APP_SECRET=" + kAppSecret.toUtf8() + "\nFLOWCHAT_LISTEN=127.0.0.1:"
        + QByteArray::number(m_ports[index]) + "\nFLOWCHAT_API_TOKEN=" + kApiToken.toUtf8()
        + "\nFLOWCHAT_DATABASE=" + m_database->name().toUtf8() + "\nFLOWCHAT_LOG_LEVEL=warning\n";
    const QString envFile = m_dir->filePath(u"receiver%1.env"_s.arg(index));
    const QString home = m_dir->filePath(u"home%1"_s.arg(index));
    return E2e::writeFile(envFile, env) && QDir().mkpath(home)
           && m_receivers[index]->start(E2e::binary(u"flowchat"_s),
                                        {u"--headless"_s, u"--env-file"_s, envFile},
                                        E2e::isolatedEnvironment(home),
                                        E2e::headlessReady());
}

int TestTeamReceivers::postAll(const QList<QPair<int, SignedWebhook>>& webhooks)
{
    QNetworkAccessManager managers[2];
    int finished = 0;
    int accepted = 0;
    for (const auto& [index, webhook] : webhooks) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/whatsapp/webhook"_s.arg(m_ports[index])));
        request.setHeader(QNetworkRequest::ContentTypeHeader, webhook.contentType);
        request.setRawHeader("X-Hub-Signature-256", webhook.headers.first().second);
        QNetworkReply* reply = managers[index].post(request, webhook.body);
        connect(reply, &QNetworkReply::finished, this, [&finished, &accepted, reply] {
            reply->deleteLater();
            ++finished;
            accepted += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
        });
    }
    if (!QTest::qWaitFor([&] { return finished == webhooks.size(); }, 60000)) {
        return -1;
    }
    return accepted;
}

QStringList TestTeamReceivers::column(const QString& sql)
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

void TestTeamReceivers::sameWebhooksAtBothReceiversAreStoredOnce()
{
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
    QCOMPARE(postAll(webhooks), webhooks.size());

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

void TestTeamReceivers::statusesSpreadOverBothReceiversNeverGoBack()
{
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
    QCOMPARE(postAll(webhooks), webhooks.size());

    QCOMPARE(column(u"SELECT DISTINCT status FROM messages"_s), QStringList{u"read"_s});
}

QTEST_GUILESS_MAIN(TestTeamReceivers)
#include "TestTeamReceivers.moc"
