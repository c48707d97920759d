// Consoles on a team's PostgreSQL database are clients: they run no receiver and no outbox, say
// whether anyone sends for the team, see each other's sends in their models through NOTIFY alone,
// and say plainly when the database cannot be reached, then carry on by themselves once it is
// back. Two ServiceThreads here stand for two consoles: each has its own store, connections and
// listener, exactly as two processes would.
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "app/store/MessageStore.h"
#include "app/store/StoreReader.h"
#include "tests/support/ConfigSupport.h"
#include "tests/support/TcpRelay.h"
#include "tests/support/TestDatabase.h"
#include "ui/ConsoleSession.h"
#include "ui/MainWindow.h"
#include "ui/composer/Composer.h"
#include "ui/console/ConsolePage.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/setup/SetupPage.h"
#include "ui/team/PresenceBoard.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

// A console's service and its client, as ConsoleSession builds them.
struct Console
{
    std::unique_ptr<ServiceThread> service;
    std::unique_ptr<ServiceClient> client;
    bool listening = false; // its store listens for other processes' changes
};

} // namespace

class TestTeamConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void runsNoReceiverAndSaysWhetherAnyoneSends();
    void oneConsolesSendAppearsInAnothersModels();
    void saysWhenTheDatabaseIsGoneAndCarriesOnWhenBack();
    void agentsSeeWhoSentWhoViewsAndWhoReplies();
    void sendingWhileAnotherAgentRepliesAsksFirst();
    void aConsoleStartsOnceTheDatabaseAnswers();

private:
    std::unique_ptr<Console> startConsole(const QString& database, const QString& agent = u"Agent"_s);
    void stopConsole(Console& console);
    SendReceipt send(Console& console, const QString& to, const QString& body);
    // A relay to the server libpq's environment names (null when that is a socket folder), and
    // the test database's URI through it.
    static std::unique_ptr<TcpRelay> relayToServer();
    QString throughRelay(const TcpRelay& relay) const;

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<Console>> m_consoles;
};

void TestTeamConsole::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestTeamConsole::init()
{
    m_database = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTeamConsole::cleanup()
{
    for (auto& console : m_consoles) {
        stopConsole(*console);
    }
    m_consoles.clear();
    m_database.reset();
    m_dir.reset();
}

std::unique_ptr<Console> TestTeamConsole::startConsole(const QString& database, const QString& agent)
{
    Config config = ConfigSupport::sandbox(m_dir->path(), ConfigSupport::freePort());
    config.set(ConfigKey::Database, database, {});
    config.set(ConfigKey::Agent, agent, {});
    auto console = std::make_unique<Console>();
    console->service = std::make_unique<ServiceThread>(config);
    QSignalSpy started(console->service.get(), &ServiceThread::started);
    QSignalSpy failed(console->service.get(), &ServiceThread::failed);
    console->service->start();
    if (!started.wait(20000) || !failed.isEmpty()) {
        qWarning() << "the console's service did not start:" << failed;
        return nullptr;
    }
    // A console on a team's database listens for webhooks nowhere: its receivers do.
    if (!started.first().first().value<ServiceHostInfo>().apiUrl.isEmpty()) {
        qWarning() << "a team console listens for HTTP";
        return nullptr;
    }
    Console* raw = console.get();
    connect(
        console->service->service()->store(), &MessageStore::listeningToOthers, this, [raw] { raw->listening = true; });
    console->client = std::make_unique<ServiceClient>(console->service->service());
    return console;
}

void TestTeamConsole::stopConsole(Console& console)
{
    if (console.client) {
        console.client->detach();
    }
    if (console.service) {
        bool stopped = false;
        console.service->stop(5000, [&stopped] { stopped = true; });
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
    }
    console.client.reset();
    console.service.reset();
}

SendReceipt TestTeamConsole::send(Console& console, const QString& to, const QString& body)
{
    SendRequest request;
    request.to = to;
    request.body = body;
    std::optional<Result<SendReceipt>> answer;
    console.client->send(request, this, [&answer](Result<SendReceipt> receipt) { answer = std::move(receipt); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000) || !*answer) {
        return {};
    }
    return **answer;
}

std::unique_ptr<TcpRelay> TestTeamConsole::relayToServer()
{
    const QString host = qEnvironmentVariable("PGHOST", u"localhost"_s);
    if (host.startsWith(QLatin1Char('/'))) {
        return nullptr;
    }
    const int port = qEnvironmentVariableIntValue("PGPORT");
    return std::make_unique<TcpRelay>(host, quint16(port > 0 ? port : 5432));
}

QString TestTeamConsole::throughRelay(const TcpRelay& relay) const
{
    return u"postgresql://127.0.0.1:%1/%2"_s.arg(relay.port()).arg(m_database->name().section(QLatin1Char('/'), -1));
}

void TestTeamConsole::runsNoReceiverAndSaysWhetherAnyoneSends()
{
    auto console = startConsole(m_database->name());
    QVERIFY(console);
    QVERIFY(console->client->isTeamConsole());
    QSignalSpy teamChanged(console->client.get(), &ServiceClient::teamChanged);
    QTRY_VERIFY_WITH_TIMEOUT(!teamChanged.isEmpty(), 10000);
    QVERIFY(console->client->isDatabaseReachable());
    QVERIFY(!console->client->isTeamSenderRunning());

    // What it sends waits as pending for the team's sender; its own outbox never takes it.
    const SendReceipt receipt = send(*console, u"+14155550100"_s, u"waiting for a sender"_s);
    QVERIFY(receipt.id > 0);
    QCOMPARE(receipt.status, MessageStatus::Pending);
    QCOMPARE(console->client->outboxLength(), 0);

    // Another process (a receiver) takes the team's outbox lock: the console sees a sender.
    auto receiver = m_database->connect(u"test.sender"_s);
    QVERIFY2(receiver, qPrintable(receiver ? QString() : receiver.error().message));
    QSqlQuery lock(*receiver);
    QVERIFY(lock.exec(u"SELECT pg_advisory_lock(5065510917094523220)"_s)); // 0x464C4F5743484154, "FLOWCHAT"
    QTRY_VERIFY_WITH_TIMEOUT(console->client->isTeamSenderRunning(), 10000);

    // It dies: the lock goes with its connection, and the console says so again.
    lock = QSqlQuery();
    receiver->close();
    QSqlDatabase::removeDatabase(u"test.sender"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!console->client->isTeamSenderRunning(), 10000);
    QVERIFY(console->client->isDatabaseReachable());
    m_consoles.push_back(std::move(console));
}

void TestTeamConsole::oneConsolesSendAppearsInAnothersModels()
{
    auto ana = startConsole(m_database->name());
    auto ben = startConsole(m_database->name());
    QVERIFY(ana && ben);
    QTRY_VERIFY_WITH_TIMEOUT(ana->listening && ben->listening, 10000);

    // Ben's models, wired as his console page wires them.
    ConversationListModel conversations(ben->client->reader());
    connect(ben->client.get(),
            &ServiceClient::conversationChanged,
            &conversations,
            &ConversationListModel::conversationChanged);
    ThreadModel thread(ben->client->reader());
    connect(ben->client.get(), &ServiceClient::messageChanged, &thread, &ThreadModel::messageChanged);
    QSignalSpy listLoaded(&conversations, &ConversationListModel::pageLoaded);
    conversations.reload();
    QVERIFY(listLoaded.wait(10000));
    QCOMPARE(conversations.rowCount(), 0);

    // Ana writes to a new customer: the conversation appears in Ben's list by notification alone.
    const SendReceipt first = send(*ana, u"+14155550123"_s, u"Hello from Ana"_s);
    QVERIFY(first.id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(conversations.rowCount(), 1, 10000);
    const QModelIndex row = conversations.index(0, 0);
    QCOMPARE(row.data(ConversationListModel::E164Role).toString(), u"+14155550123"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        conversations.index(0, 0).data(ConversationListModel::SnippetRole).toString(), u"Hello from Ana"_s, 10000);

    // Ben opens it; Ana's next message arrives in his open thread without anything being re-read.
    QSignalSpy pages(&thread, &ThreadModel::pageLoaded);
    thread.setConversation(row.data(ConversationListModel::IdRole).toLongLong());
    QVERIFY(pages.wait(10000));
    QCOMPARE(thread.rowCount(), 1);
    const SendReceipt second = send(*ana, u"+14155550123"_s, u"Are you still there?"_s);
    QVERIFY(second.id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(thread.rowCount(), 2, 10000);
    QCOMPARE(thread.index(1, 0).data(ThreadModel::IdRole).toLongLong(), second.id);
    QCOMPARE(thread.index(1, 0).data(ThreadModel::BodyRole).toString(), u"Are you still there?"_s);
    QCOMPARE(pages.size(), 1); // no page was read again for it

    m_consoles.push_back(std::move(ana));
    m_consoles.push_back(std::move(ben));
}

void TestTeamConsole::saysWhenTheDatabaseIsGoneAndCarriesOnWhenBack()
{
    // The console reaches PostgreSQL through a relay this test can cut, as a network would.
    const auto relay = relayToServer();
    if (!relay) {
        QSKIP("PGHOST is a socket folder; the relay needs TCP");
    }
    QVERIFY(relay->listen());
    auto console = startConsole(throughRelay(*relay));
    QVERIFY(console);
    QSignalSpy teamChanged(console->client.get(), &ServiceClient::teamChanged);
    QTRY_VERIFY_WITH_TIMEOUT(!teamChanged.isEmpty(), 10000);
    QVERIFY(console->client->isDatabaseReachable());

    relay->cut();
    QTRY_VERIFY_WITH_TIMEOUT(!console->client->isDatabaseReachable(), 15000);
    // What was tried, in words an agent can pass on: where, and what libpq said.
    const QString problem = console->client->databaseProblem();
    QVERIFY2(problem.contains(u"127.0.0.1:%1"_s.arg(relay->port())), qPrintable(problem));
    QVERIFY2(!problem.contains(u"PGPASSWORD"_s), qPrintable(problem));
    // A send while it is gone is refused, not lost silently: the composer keeps the draft.
    SendRequest request;
    request.to = u"+14155550100"_s;
    request.body = u"during the outage"_s;
    std::optional<Result<SendReceipt>> refused;
    console->client->send(request, this, [&refused](Result<SendReceipt> receipt) { refused = std::move(receipt); });
    QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 20000);
    QVERIFY(!*refused);

    QVERIFY(relay->restore());
    QTRY_VERIFY_WITH_TIMEOUT(console->client->isDatabaseReachable(), 15000);
    // The writer connects again by itself: the next send is stored.
    QTRY_VERIFY_WITH_TIMEOUT(send(*console, u"+14155550100"_s, u"after the outage"_s).id > 0, 20000);
    m_consoles.push_back(std::move(console));
}

void TestTeamConsole::agentsSeeWhoSentWhoViewsAndWhoReplies()
{
    auto ana = startConsole(m_database->name(), u"Ana Souza"_s);
    auto ben = startConsole(m_database->name(), u"Ben Carter"_s);
    QVERIFY(ana && ben);
    QTRY_VERIFY_WITH_TIMEOUT(ana->listening && ben->listening, 10000);

    // Ana's message records her; Ben's thread shows it.
    const SendReceipt sent = send(*ana, u"+14155550199"_s, u"I'll take this one"_s);
    QVERIFY(sent.id > 0);
    ThreadModel thread(ben->client->reader());
    thread.setService(ben->client.get());
    QSignalSpy pages(&thread, &ThreadModel::pageLoaded);
    std::optional<Result<StoredMessage>> row;
    ben->client->reader()->message(sent.id, this, [&row](Result<StoredMessage> m) { row = std::move(m); });
    QTRY_VERIFY_WITH_TIMEOUT(row.has_value(), 10000);
    QVERIFY(*row);
    QCOMPARE((*row)->agent, u"Ana Souza"_s);
    thread.setConversation((*row)->conversationId);
    QVERIFY(pages.wait(10000));
    QCOMPARE(thread.index(0, 0).data(ThreadModel::AgentRole).toString(), u"Ana Souza"_s);

    // Ana opens the conversation, then types: Ben's board says so, in words for his header.
    PresenceBoard anaBoard;
    anaBoard.setService(ana->client.get());
    PresenceBoard benBoard;
    benBoard.setService(ben->client.get());
    const qint64 conversation = (*row)->conversationId;
    anaBoard.setViewing(conversation);
    QTRY_COMPARE_WITH_TIMEOUT(benBoard.describe(conversation), u"Ana Souza is viewing"_s, 10000);
    anaBoard.noteTyping();
    QTRY_COMPARE_WITH_TIMEOUT(benBoard.describe(conversation), u"Ana Souza is replying…"_s, 10000);
    QCOMPARE(benBoard.replying(conversation), QStringList{u"Ana Souza"_s});
    // Ana never sees herself.
    QVERIFY(anaBoard.describe(conversation).isEmpty());
    anaBoard.stopTyping();
    QTRY_COMPARE_WITH_TIMEOUT(benBoard.describe(conversation), u"Ana Souza is viewing"_s, 10000);
    anaBoard.setViewing(0);
    QTRY_VERIFY_WITH_TIMEOUT(benBoard.describe(conversation).isEmpty(), 10000);

    // A console started later learns who is already here from the heartbeat rows.
    anaBoard.setViewing(conversation);
    QTRY_COMPARE_WITH_TIMEOUT(benBoard.describe(conversation), u"Ana Souza is viewing"_s, 10000);
    auto carla = startConsole(m_database->name(), u"Carla Dias"_s);
    QVERIFY(carla);
    PresenceBoard carlaBoard;
    carlaBoard.setService(carla->client.get());
    QTRY_COMPARE_WITH_TIMEOUT(carlaBoard.describe(conversation), u"Ana Souza is viewing"_s, 10000);

    m_consoles.push_back(std::move(ana));
    m_consoles.push_back(std::move(ben));
    m_consoles.push_back(std::move(carla));
}

void TestTeamConsole::sendingWhileAnotherAgentRepliesAsksFirst()
{
    auto ben = startConsole(m_database->name(), u"Ben Carter"_s);
    QVERIFY(ben);
    const SendReceipt first = send(*ben, u"+14155550177"_s, u"hello"_s);
    QVERIFY(first.id > 0);

    // Ben's real console page, with Ana (another console) replying in the same conversation.
    ConsolePage page(ben->client->reader());
    page.setWindowEnforced(false);
    page.setService(ben->client.get());
    page.resize(900, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.conversations()->model()->rowCount() == 1, 10000);
    page.conversations()->selectRelative(0);
    QTRY_VERIFY_WITH_TIMEOUT(page.currentConversation() > 0, 10000);
    page.presence()->take({u"Ana Souza"_s, page.currentConversation(), true, QDateTime::currentMSecsSinceEpoch()});
    QCOMPARE(page.threadHeader()->presenceText(), u"Ana Souza is replying…"_s);

    QSignalSpy sent(page.composer(), &Composer::sent);
    page.composer()->editor()->setPlainText(u"me too"_s);
    page.composer()->send();
    QMessageBox* ask = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((ask = page.findChild<QMessageBox*>(u"confirmSendWhileOthersReply"_s)) != nullptr, 5000);
    QVERIFY2(ask->text().contains(u"Ana Souza"_s), qPrintable(ask->text()));
    // Cancel: nothing is sent and the draft stays.
    ask->button(QMessageBox::Cancel)->click();
    QTest::qWait(0);
    QVERIFY(!sent.wait(500));
    QCOMPARE(page.composer()->editor()->toPlainText(), u"me too"_s);

    // Send anyway: it goes.
    page.composer()->send();
    QTRY_VERIFY_WITH_TIMEOUT((ask = page.findChild<QMessageBox*>(u"confirmSendWhileOthersReply"_s)) != nullptr, 5000);
    const auto buttons = ask->buttons();
    const auto anyway = std::find_if(buttons.begin(), buttons.end(), [ask](QAbstractButton* b) {
        return ask->buttonRole(b) == QMessageBox::AcceptRole;
    });
    QVERIFY(anyway != buttons.end());
    (*anyway)->click();
    QVERIFY(sent.wait(10000));
    page.setService(nullptr);
    m_consoles.push_back(std::move(ben));
}

void TestTeamConsole::aConsoleStartsOnceTheDatabaseAnswers()
{
    // The database is away when the console starts (a relay that is not listening yet).
    const auto relay = relayToServer();
    if (!relay) {
        QSKIP("PGHOST is a socket folder; the relay needs TCP");
    }
    // This thread waits on the console's reader as the window goes, and that reader talks through
    // the relay: the relay runs elsewhere.
    relay->runOnOwnThread();
    QVERIFY(relay->listen());
    relay->cut();
    Config config = ConfigSupport::sandbox(m_dir->path(), ConfigSupport::freePort());
    config.set(ConfigKey::Database, throughRelay(*relay), {});
    ConsoleSession session([config] { return config; }, nullptr);
    QSignalSpy started(&session, &ConsoleSession::serviceStarted);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(session.window()->setupPage()->note().contains(u"tries again"_s), 15000);
    QVERIFY2(session.window()->setupPage()->note().contains(u"127.0.0.1:%1"_s.arg(relay->port())),
             qPrintable(session.window()->setupPage()->note()));
    QVERIFY(started.isEmpty());

    // It comes back: the console starts by itself, as a client of the team's database.
    QVERIFY(relay->restore());
    QVERIFY(started.wait(20000));
    QVERIFY(session.client()->isTeamConsole());
    bool stopped = false;
    session.stop([&stopped] { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
}

QTEST_MAIN(TestTeamConsole)
#include "TestTeamConsole.moc"
