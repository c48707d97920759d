// The thread's context-menu actions and the status timeline panel, on a real console whose
// provider talks to the in-process Meta emulator: a read message lists every status, a failed
// one is retried until read, an unknown one is dismissed.
#include "app/service/ProviderHealth.h"
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/timeline/MessageMenu.h"
#include "ui/timeline/StatusTimelinePanel.h"

#include <QClipboard>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestStatusTimeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void timelineListsEveryStatus();
    void failedMessageIsRetriedUntilRead();
    void unknownMessageIsDismissed();
    void linksUnderTheBubbleRetryAndDismiss();
    void copyPutsTheTextOnTheClipboard();

private:
    void openWindow();
    QModelIndex rowOf(qint64 id) const;
    MessageMenu* menu() const;

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<MainWindow> m_window;
};

void TestStatusTimeline::initTestCase()
{
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
}

void TestStatusTimeline::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    HarnessOptions options;
    options.providerTimeoutMs = 500;
    m_harness = std::make_unique<Harness>(m_dir->path(), options);
    QVERIFY(m_harness->up());
    QVERIFY(m_harness->customerWrote(kCustomer, 1000, u"Hi"_s));
}

void TestStatusTimeline::cleanup()
{
    m_window.reset();
    m_harness.reset();
    m_dir.reset();
}

void TestStatusTimeline::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_harness->config);
    m_window->resize(1100, 700);
    m_window->attachService(m_harness->client());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(m_window->threadModel()->conversationId() != 0);
    // The provider check at start is a request too: let it pass before faults are injected.
    QTRY_COMPARE(m_harness->client()->healthState(), ProviderHealth::State::Answering);
}

QModelIndex TestStatusTimeline::rowOf(qint64 id) const
{
    ThreadModel* model = m_window->threadModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(ThreadModel::IdRole).toLongLong() == id) {
            return model->index(row);
        }
    }
    return {};
}

MessageMenu* TestStatusTimeline::menu() const
{
    return m_window->threadView()->findChild<MessageMenu*>();
}

void TestStatusTimeline::timelineListsEveryStatus()
{
    openWindow();
    const Result<SendReceipt> receipt = m_harness->sendText(kCustomer, u"Your order shipped"_s);
    QVERIFY(receipt);
    QTRY_COMPARE(m_harness->statusOf(receipt->id), MessageStatus::Read);

    auto* dock = m_window->findChild<QDockWidget*>(u"statusTimelineDock"_s);
    QVERIFY(dock && !dock->isVisible());
    QSignalSpy requested(menu(), &MessageMenu::statusTimelineRequested);
    auto* panel = m_window->findChild<StatusTimelinePanel*>(u"statusTimeline"_s);
    QSignalSpy loaded(panel, &StatusTimelinePanel::loaded);
    m_harness->client()->reader()->setReadDelayForTesting(150); // a slow database: the panel says so
    m_window->showStatusTimeline(receipt->id);
    QVERIFY(dock->isVisible());
    QVERIFY(panel->isLoading());
    QCOMPARE(panel->findChild<QLabel*>(u"timelineTitle"_s)->text(), u"Loading…"_s);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.first().at(0).toLongLong(), receipt->id);
    m_harness->client()->reader()->setReadDelayForTesting(0);
    // A late status of this message may have asked for one more refresh meanwhile: it ends too.
    QTRY_VERIFY(!panel->isLoading());
    QTreeWidget* events = panel->events();
    QStringList statuses;
    for (int i = 0; i < events->topLevelItemCount(); ++i) {
        statuses << events->topLevelItem(i)->text(1);
    }
    QCOMPARE(statuses.first(), u"created"_s);
    QVERIFY2(statuses.contains(u"sent"_s) && statuses.contains(u"delivered"_s) && statuses.contains(u"read"_s),
             qPrintable(statuses.join(u", "_s)));
    const QString providerId = MessageReader(m_harness->database()).message(receipt->id)->providerMessageId;
    QVERIFY(providerId.startsWith(u"wamid."_s));
    QVERIFY(panel->findChild<QLabel*>(u"timelineProviderId"_s)->text().contains(providerId));
    QTest::mouseClick(panel->findChild<QToolButton*>(u"copyProviderId"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), providerId);

    if (const QString shots = qEnvironmentVariable("FLOWCHAT_SHOTS"); !shots.isEmpty()) {
        QCoreApplication::processEvents();
        m_window->grab().save(shots + u"/status-timeline.png"_s);
    }
    QTest::mouseClick(panel->findChild<QToolButton*>(u"closeTimeline"_s), Qt::LeftButton);
    QVERIFY(!dock->isVisible());
    QCOMPARE(requested.count(), 0);
}

void TestStatusTimeline::failedMessageIsRetriedUntilRead()
{
    openWindow();
    m_harness->emulator->addFault(*FaultSpec::parse(u"error:131008x1"_s));
    const Result<SendReceipt> receipt = m_harness->sendText(kCustomer, u"Will fail once"_s);
    QVERIFY(receipt);
    QTRY_COMPARE(m_harness->statusOf(receipt->id), MessageStatus::Failed);
    QTRY_COMPARE(rowOf(receipt->id).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Failed);

    QSignalSpy reported(menu(), &MessageMenu::report);
    menu()->resend(receipt->id);
    QVERIFY(reported.wait(5000));
    QCOMPARE(reported.first().first().toString(), u"Sending the message again."_s);
    QTRY_COMPARE(m_harness->statusOf(receipt->id), MessageStatus::Read);
    QTRY_COMPARE(rowOf(receipt->id).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Read);
}

void TestStatusTimeline::unknownMessageIsDismissed()
{
    openWindow();
    m_harness->emulator->addFault(*FaultSpec::parse(u"timeoutx1"_s));
    const Result<SendReceipt> receipt = m_harness->sendText(kCustomer, u"Nobody knows"_s);
    QVERIFY(receipt);
    QTRY_COMPARE_WITH_TIMEOUT(m_harness->statusOf(receipt->id), MessageStatus::Unknown, 10000);

    QSignalSpy reported(menu(), &MessageMenu::report);
    menu()->dismiss(receipt->id);
    QVERIFY(reported.wait(5000));
    QVERIFY(reported.first().first().toString().startsWith(u"Marked as not sent"_s));
    QTRY_COMPARE(m_harness->statusOf(receipt->id), MessageStatus::Failed);
    // Dismissed is final: nothing goes out later.
    QCOMPARE(m_harness->service->outboxLength(), 0);
}

// Clicks the link painted under a message, where an agent sees it.
static void clickAction(ThreadView* view, const QModelIndex& index, BubbleDelegate::Action action)
{
    view->scrollTo(index);
    auto* delegate = qobject_cast<BubbleDelegate*>(view->itemDelegate());
    const QRect link = delegate->actionRect(view->optionFor(index), index, action);
    QVERIFY(link.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, link.center());
}

void TestStatusTimeline::linksUnderTheBubbleRetryAndDismiss()
{
    openWindow();
    m_harness->emulator->addFault(*FaultSpec::parse(u"error:131008x1"_s));
    const Result<SendReceipt> failed = m_harness->sendText(kCustomer, u"Fails, then goes"_s);
    QVERIFY(failed);
    QTRY_COMPARE(rowOf(failed->id).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Failed);
    ThreadView* view = m_window->threadView();
    auto* delegate = qobject_cast<BubbleDelegate*>(view->itemDelegate());
    // A failed message offers Retry only.
    QVERIFY(
        !delegate->actionRect(view->optionFor(rowOf(failed->id)), rowOf(failed->id), BubbleDelegate::Action::Dismiss)
             .isValid());
    clickAction(view, rowOf(failed->id), BubbleDelegate::Action::Retry);
    QTRY_COMPARE(m_harness->statusOf(failed->id), MessageStatus::Read);
    // Delivered: the links are gone.
    QTRY_VERIFY(
        !delegate->actionRect(view->optionFor(rowOf(failed->id)), rowOf(failed->id), BubbleDelegate::Action::Retry)
             .isValid());

    m_harness->emulator->addFault(*FaultSpec::parse(u"timeoutx1"_s));
    const Result<SendReceipt> unknown = m_harness->sendText(kCustomer, u"Lost in the network"_s);
    QVERIFY(unknown);
    QTRY_COMPARE_WITH_TIMEOUT(
        rowOf(unknown->id).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Unknown, 10000);
    QVERIFY(
        delegate->actionRect(view->optionFor(rowOf(unknown->id)), rowOf(unknown->id), BubbleDelegate::Action::Resend)
            .isValid());
    QSignalSpy reported(menu(), &MessageMenu::report);
    clickAction(view, rowOf(unknown->id), BubbleDelegate::Action::Dismiss);
    QTRY_COMPARE(m_harness->statusOf(unknown->id), MessageStatus::Failed);
    QTRY_COMPARE(reported.count(), 1);
    QVERIFY2(reported.first().first().toString().startsWith(u"Marked as not sent"_s),
             qPrintable(reported.first().first().toString()));
    QCOMPARE(m_harness->service->outboxLength(), 0);
    if (const QString shots = qEnvironmentVariable("FLOWCHAT_SHOTS"); !shots.isEmpty()) {
        m_window->grab().save(shots + u"/thread-links.png"_s);
    }
}

void TestStatusTimeline::copyPutsTheTextOnTheClipboard()
{
    openWindow();
    const QModelIndex first = m_window->threadModel()->index(0);
    QVERIFY(first.isValid());
    m_window->threadView()->setCurrentIndex(first);
    m_window->threadView()->setFocus();
    QApplication::clipboard()->clear();
    QTest::keyClick(m_window->threadView(), Qt::Key_C, Qt::ControlModifier);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), u"Hi"_s);
}

QTEST_MAIN(TestStatusTimeline)
#include "TestStatusTimeline.moc"
