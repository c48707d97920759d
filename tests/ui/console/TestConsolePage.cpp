// The console page on its own, on a real service (Meta emulator in process): the conversation
// list, opening a conversation, sending from the composer, and what it asks of the window.
#include "tests/support/UiTestSupport.h"
#include "ui/Appearance.h"
#include "ui/composer/Composer.h"
#include "ui/console/ConsolePage.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/welcome/WelcomePanel.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestConsolePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void welcomesUntilAConversationIsPicked();
    void opensTheNewestConversation();
    void opensAClickedConversationAndSends();
    void composerAsksForTemplates();
    void canvasFollowsTheTheme();

private:
    // The page on the started service, shown, with the list's first page in.
    void openPage();

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<ConsolePage> m_page;
};

void TestConsolePage::initTestCase()
{
    // The theme goes to QSettings: keep it out of the user's files.
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

void TestConsolePage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_harness = std::make_unique<Harness>(m_dir->path());
    QVERIFY(m_harness->up());
}

void TestConsolePage::cleanup()
{
    m_page.reset();
    m_harness.reset();
    m_dir.reset();
}

void TestConsolePage::openPage()
{
    m_page = std::make_unique<ConsolePage>(m_harness->client()->reader());
    m_page->resize(1000, 650);
    m_page->setService(m_harness->client());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(!m_page->conversations()->model()->isLoading());
}

void TestConsolePage::welcomesUntilAConversationIsPicked()
{
    openPage();
    QCOMPARE(m_page->conversations()->model()->rowCount(), 0);
    m_page->openNewestConversation(); // nothing to open
    QVERIFY(m_page->welcomePanel()->isVisible());
    QVERIFY(!m_page->threadView()->isVisible());
    QCOMPARE(m_page->currentConversation(), 0);

    QSignalSpy asked(m_page.get(), &ConsolePage::newConversationRequested);
    auto* start = m_page->findChild<QPushButton*>(u"welcomeNewConversation"_s);
    QVERIFY(start);
    QTRY_VERIFY(start->isVisible());
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
}

void TestConsolePage::opensTheNewestConversation()
{
    QVERIFY(m_harness->customerWrote(u"+14155550142"_s, 120000, u"older"_s));
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"newest"_s));
    m_page = std::make_unique<ConsolePage>(m_harness->client()->reader());
    m_page->setService(m_harness->client());
    QSignalSpy opened(m_page.get(), &ConsolePage::conversationOpened);
    // Asked before the list's first page is in: it opens once the page arrives.
    m_page->openNewestConversation();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(opened.wait(5000));
    const auto summary = opened.first().first().value<ConversationSummary>();
    QCOMPARE(summary.e164, kCustomer);
    QCOMPARE(m_page->currentConversation(), summary.id);
    QCOMPARE(m_page->currentSummary().id, summary.id);
    QCOMPARE(m_page->conversations()->model()->rowCount(), 2);
    QTRY_COMPARE(m_page->threadModel()->conversationId(), summary.id);
    QTRY_COMPARE(m_page->threadModel()->rowCount(), 1);
    QCOMPARE(m_page->threadModel()->index(0).data(ThreadModel::BodyRole).toString(), u"newest"_s);
    QVERIFY(m_page->threadView()->isVisible());
    QVERIFY(!m_page->welcomePanel()->isVisible());
    // Opening it read the customer's message.
    QTRY_COMPARE(m_page->conversations()->model()->index(0).data(ConversationListModel::UnreadRole).toInt(), 0);
}

void TestConsolePage::opensAClickedConversationAndSends()
{
    QVERIFY(m_harness->customerWrote(u"+14155550142"_s, 120000, u"Where is my parcel?"_s));
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"hello"_s));
    openPage();
    ConversationListModel* list = m_page->conversations()->model();
    QCOMPARE(list->rowCount(), 2);
    const qint64 second = list->index(1).data(ConversationListModel::IdRole).toLongLong();

    QSignalSpy opened(m_page.get(), &ConsolePage::conversationOpened);
    UiTest::clickRow(m_page->conversations()->view(), list->index(1));
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(m_page->currentConversation(), second);
    QTRY_COMPARE(m_page->threadModel()->conversationId(), second);
    QTRY_VERIFY(!m_page->threadModel()->isLoading());
    QCOMPARE(m_page->threadModel()->rowCount(), 1);
    QVERIFY(m_page->threadHeader()->windowText().startsWith(u"Window open"_s));

    ComposerEdit* editor = m_page->composer()->editor();
    QTRY_VERIFY(editor->isEnabled());
    QTest::keyClicks(editor, u"It left the warehouse today"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(m_page->threadModel()->rowCount(), 2);
    QTRY_VERIFY(editor->toPlainText().isEmpty());
    const QModelIndex bubble = m_page->threadModel()->index(1);
    QCOMPARE(bubble.data(ThreadModel::BodyRole).toString(), u"It left the warehouse today"_s);
    QCOMPARE(bubble.data(ThreadModel::DirectionRole).toInt(), int(MessageDirection::Outbound));
    QTRY_COMPARE_WITH_TIMEOUT(bubble.data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Read, 10000);
    QCOMPARE(m_harness->acceptedCount(u"It left the warehouse today"_s), 1);
}

void TestConsolePage::composerAsksForTemplates()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"hello"_s));
    openPage();
    m_page->openNewestConversation();
    QTRY_VERIFY(m_page->currentConversation() != 0);
    QSignalSpy asked(m_page.get(), &ConsolePage::templatesRequested);
    auto* templates = m_page->findChild<QToolButton*>(u"composerTemplates"_s);
    QVERIFY(templates);
    QTRY_VERIFY(templates->isEnabled());
    QTest::mouseClick(templates, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
}

void TestConsolePage::canvasFollowsTheTheme()
{
    openPage();
    Appearance::apply(Appearance::Theme::Dark);
    QTRY_COMPARE(m_page->threadView()->palette().color(QPalette::Base), QColor(0x0b, 0x14, 0x1a));
    Appearance::apply(Appearance::Theme::Light);
    QTRY_COMPARE(m_page->threadView()->palette().color(QPalette::Base), QColor(0xef, 0xea, 0xe2));
    Appearance::apply(Appearance::Theme::System);
}

QTEST_MAIN(TestConsolePage)
#include "TestConsolePage.moc"
