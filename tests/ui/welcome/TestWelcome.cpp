// A newcomer's first start: the real console on an empty sandbox store is not an empty grey page.
// The thread area says what the sandbox is and offers New conversation and "Have a customer write
// to you"; the sample customer writes first by itself within a few seconds; picking the
// conversation shows the thread.
#include "app/config/SecretStore.h"
#include "app/service/SandboxContact.h"
#include "ui/ConsoleSession.h"
#include "ui/MainWindow.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/welcome/WelcomePanel.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestWelcome : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptySandboxWelcomesAndTheCustomerWritesFirst();

private:
    QTemporaryDir m_dir;
};

void TestWelcome::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestWelcome::emptySandboxWelcomesAndTheCustomerWritesFirst()
{
    SecretStore secrets(m_dir.filePath(u"secrets.json"_s));
    secrets.setKeychainEnabled(false);
    const QString database = m_dir.filePath(u"flowchat.sqlite"_s);
    ConsoleSession session(
        [&] {
            Config config;
            config.set(ConfigKey::Provider, u"sandbox"_s, {});
            config.set(ConfigKey::Listen, u"127.0.0.1:0"_s, {});
            config.set(ConfigKey::Database, database, {});
            config.set(ConfigKey::MediaCache, m_dir.filePath(u"media"_s), {});
            config.set(ConfigKey::ApiToken, u"welcome-test-token"_s, {});
            return config;
        },
        &secrets);
    QSignalSpy started(&session, &ConsoleSession::serviceStarted);
    session.start();
    QVERIFY(started.wait(15000));
    MainWindow* window = session.window();
    window->resize(1100, 700);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    auto* welcome = window->findChild<WelcomePanel*>(u"welcomePanel"_s);
    QVERIFY(welcome);
    QVERIFY(welcome->isVisible());
    QCOMPARE(window->findChild<QLabel*>(u"welcomeTitle"_s)->text(), u"Welcome to the FlowChat sandbox"_s);
    QVERIFY(welcome->newConversationButton()->isVisible());
    QVERIFY(welcome->customerWritesButton()->isVisible());

    // Nobody wrote yet, and nobody has to: the sample customer writes first within a few seconds.
    ConversationListModel* list = window->conversations()->model();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 10000);
    QCOMPARE(list->index(0).data(ConversationListModel::IdRole).toLongLong() > 0, true);

    // "Have a customer write to you" brings another message into the same conversation.
    QTest::mouseClick(welcome->customerWritesButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(list->index(0).data(ConversationListModel::UnreadRole).toInt(), 2, 10000);
    QCOMPARE(list->rowCount(), 1);

    // Picking the conversation replaces the welcome with the thread.
    QListView* view = window->conversations()->view();
    view->setCurrentIndex(list->index(0));
    QTRY_VERIFY(!welcome->isVisible());

    bool stopped = false;
    session.stop([&stopped] { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
}

QTEST_MAIN(TestWelcome)
#include "TestWelcome.moc"
