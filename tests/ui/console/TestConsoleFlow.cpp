// The console as an agent uses it: a real MainWindow on a real service whose provider talks to
// the in-process Meta emulator (statuses every 20 ms), driven with keys and clicks.
#include "app/config/SecretStore.h"
#include "tests/support/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/conversations/QuickJumpDialog.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/templates/TemplateBench.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/timeline/MessageMenu.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestConsoleFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sentMessageReachesRead();
    void closedWindowBlocksFreeText();
    void shortcutsMoveAndSearch();
    void busyConsoleShowsEveryKindOfRow();
    void replyQuotesTheMessageOnTheWire();
    void attachmentsGoOutAsMediaWithCaption();
    void enterSendsCanBeFlipped();
    void quickJumpTemplatesAndEscape();
    void everyControlHasAnAccessibleName();

private:
    // Builds the window on the started service and waits until it shows the console.
    void openWindow();
    void selectConversation(qint64 id);

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleFlow::initTestCase()
{
    // Window and splitter state go to QSettings: keep them out of the user's files.
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
}

void TestConsoleFlow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_harness = std::make_unique<Harness>(m_dir->path());
    QVERIFY(m_harness->up());
}

void TestConsoleFlow::cleanup()
{
    m_window.reset();
    m_harness.reset();
    m_dir.reset();
}

namespace
{

// Lays out what is pending, then saves a picture for a person to look at.
void saveShot(QWidget* widget, const QString& path)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    widget->grab().save(path);
}

} // namespace

void TestConsoleFlow::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_harness->config);
    m_window->resize(1100, 700);
    m_window->attachService(m_harness->client());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->conversations());
    // The list's first page comes from the reader thread.
    QTRY_VERIFY(!m_window->conversations()->model()->isLoading());
}

void TestConsoleFlow::selectConversation(qint64 id)
{
    ConversationListPanel* list = m_window->conversations();
    const int row = list->model()->rowOf(id);
    QVERIFY(row >= 0);
    UiTest::clickRow(list->view(), list->model()->index(row));
    QTRY_COMPARE(m_window->threadModel()->conversationId(), id);
    QTRY_VERIFY(!m_window->threadModel()->isLoading());
}

void TestConsoleFlow::sentMessageReachesRead()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"Hi, is my order shipped?"_s));
    openWindow();
    const qint64 conversation =
        m_window->conversations()->model()->index(0).data(ConversationListModel::IdRole).toLongLong();
    selectConversation(conversation);
    QCOMPARE(m_window->threadModel()->rowCount(), 1);
    QVERIFY(m_window->threadHeader()->windowText().startsWith(u"Window open — 23 h left"_s));

    ComposerEdit* editor = m_window->composer()->editor();
    QTRY_VERIFY(editor->isEnabled());
    // Shift+Enter breaks the line; Enter sends.
    QTest::keyClicks(editor, u"Hello from the test"_s);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(editor, u"second line"_s);
    QCOMPARE(m_window->findChild<QLabel*>(u"composerCounter"_s)->text(), u"31 / 4096"_s);

    ThreadModel* thread = m_window->threadModel();
    QList<MessageStatus> seen;
    QObject scope; // ends the connections below with this function
    connect(thread, &QAbstractItemModel::rowsInserted, &scope, [&seen, thread](const QModelIndex&, int first) {
        seen << thread->index(first).data(ThreadModel::StatusRole).value<MessageStatus>();
    });
    connect(thread, &QAbstractItemModel::dataChanged, &scope, [&seen](const QModelIndex& topLeft) {
        const auto status = topLeft.data(ThreadModel::StatusRole).value<MessageStatus>();
        if (topLeft.data(ThreadModel::DirectionRole).toInt() == int(MessageDirection::Outbound)
            && (seen.isEmpty() || seen.last() != status)) {
            seen << status;
        }
    });
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(thread->rowCount(), 2);
    QTRY_VERIFY(editor->toPlainText().isEmpty());
    const QModelIndex bubble = thread->index(1);
    QCOMPARE(bubble.data(ThreadModel::BodyRole).toString(), u"Hello from the test\nsecond line"_s);
    QCOMPARE(bubble.data(ThreadModel::DirectionRole).toInt(), int(MessageDirection::Outbound));
    QTRY_COMPARE_WITH_TIMEOUT(bubble.data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Read, 10000);
    QVERIFY(!seen.isEmpty());
    // The outbox may mark it sending before the list reads it: both draw the clock.
    QVERIFY(seen.first() == MessageStatus::Pending || seen.first() == MessageStatus::Sending);
    QCOMPARE(seen.last(), MessageStatus::Read);
    QVERIFY2(seen.contains(MessageStatus::Delivered) || seen.contains(MessageStatus::Sent),
             qPrintable(QString::number(seen.size())));

    // The list moved nothing but shows our message and its tick.
    ConversationListModel* list = m_window->conversations()->model();
    QTRY_COMPARE(list->index(0).data(ConversationListModel::LastStatusRole).value<MessageStatus>(),
                 MessageStatus::Read);
    QCOMPARE(list->index(0).data(ConversationListModel::UnreadRole).toInt(), 0);
    QTRY_COMPARE(m_window->findChild<QLabel*>(u"outboxStatus"_s)->text(), u"Outbox: 0 waiting"_s);
    saveShot(m_window.get(), u"/tmp/flowchat-ui-console.png"_s);
}

void TestConsoleFlow::closedWindowBlocksFreeText()
{
    // Bo last wrote 30 hours ago: only templates may reach him.
    QVERIFY(m_harness->customerWrote(u"+14155550142"_s, 30LL * 3600 * 1000, u"thanks!"_s));
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"hello"_s));
    openWindow();
    ConversationListModel* list = m_window->conversations()->model();
    QCOMPARE(list->rowCount(), 2);
    const qint64 bo = list->index(1).data(ConversationListModel::IdRole).toLongLong();
    QVERIFY(!list->index(1).data(ConversationListModel::WindowOpenRole).toBool());
    selectConversation(bo);
    QCOMPARE(m_window->threadHeader()->windowText(), u"Window closed — templates only"_s);

    Composer* composer = m_window->composer();
    QTRY_VERIFY(!composer->editor()->isEnabled());
    QVERIFY2(composer->notice().contains(u"24-hour window is closed"_s), qPrintable(composer->notice()));
    auto* send = m_window->findChild<QPushButton*>(u"composerSend"_s);
    QVERIFY(!send->isEnabled());
    composer->editor()->setPlainText(u"free text"_s); // even text put in by other means is refused
    QVERIFY(!composer->canSend());
    composer->send();
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(m_window->threadModel()->rowCount(), 1);
    QCOMPARE(m_harness->acceptedCount(u"free text"_s), 0);
    saveShot(m_window.get(), u"/tmp/flowchat-ui-closed-window.png"_s);

    // The open conversation next to it takes free text again.
    selectConversation(list->index(0).data(ConversationListModel::IdRole).toLongLong());
    QTRY_VERIFY(composer->editor()->isEnabled());
    QVERIFY(composer->notice().isEmpty());
}

void TestConsoleFlow::shortcutsMoveAndSearch()
{
    QVERIFY(m_harness->customerWrote(u"+14155550101"_s, 3 * 60000, u"refund please"_s));
    QVERIFY(m_harness->customerWrote(u"+14155550102"_s, 2 * 60000, u"hello"_s));
    QVERIFY(m_harness->customerWrote(u"+14155550103"_s, 60000, u"hi"_s));
    openWindow();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    ConversationListPanel* panel = m_window->conversations();
    QTRY_COMPARE(panel->view()->currentIndex().row(), 0);

    QTest::keyClick(m_window.get(), Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE(panel->view()->currentIndex().row(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE(panel->view()->currentIndex().row(), 2);
    QTest::keyClick(m_window.get(), Qt::Key_Up, Qt::AltModifier);
    QTRY_COMPARE(panel->view()->currentIndex().row(), 1);
    QTRY_COMPARE(m_window->threadModel()->conversationId(), panel->currentConversationId());

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(panel->searchBox()->hasFocus());
    QTest::keyClicks(panel->searchBox(), u"refund"_s);
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QTest::keyClick(panel->searchBox(), Qt::Key_Escape);
    QTRY_COMPARE(panel->model()->rowCount(), 3);
    QVERIFY(panel->searchBox()->text().isEmpty());
}

void TestConsoleFlow::busyConsoleShowsEveryKindOfRow()
{
    UiTest::Seeder seed(m_harness->database());
    m_harness->closeService(); // the seeder writes alone; the window only reads
    QVERIFY(seed.open());
    seed.inbound(u"+5511987654321"_s, u"Mariana Costa"_s, u"Oi! Meu pedido chegou quebrado 😢"_s, 26LL * 3600 * 1000);
    seed.inbound(u"+442071838750"_s, QString(), u"Can I change the delivery address?"_s, 5 * 3600 * 1000);
    seed.inbound(u"+14155550111"_s, u"Dan Wu"_s, u"Thanks, all sorted 👍"_s, 3 * 3600 * 1000);
    const InsertedMessage late = seed.outgoing(u"+5511987654321"_s, u"Olá Mariana, podemos enviar outro?"_s);
    QVERIFY(seed.fail(late.id, u"131047"_s, u"Re-engagement message"_s));
    seed.inbound(u"+14155550100"_s, u"Ana Souza"_s, u"Hi! My order #4411 hasn't arrived yet."_s, 40 * 60000);
    seed.outgoing(u"+14155550100"_s,
                  u"Hello Ana, sorry about that. Let me check with the courier.\nOne moment please."_s);
    seed.inbound(u"+14155550100"_s, u"Ana Souza"_s, u"Sure, thank you!"_s, 0);
    seed.inbound(u"+14155550100"_s, u"Ana Souza"_s, u"It says 'out for delivery' now 🎉"_s, 0);

    m_window = std::make_unique<MainWindow>(m_harness->config);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Without a service the console waits on the setup page.
    QVERIFY(!m_window->conversations());

    // The seeder is done: a service starts on the seeded store, and the window reads it.
    seed.store.reset();
    m_harness->makeService();
    QVERIFY(m_harness->openStore());
    m_window->attachService(m_harness->client());
    ConversationListModel* list = m_window->conversations()->model();
    QTRY_COMPARE(list->rowCount(), 4);
    QCOMPARE(list->index(0).data(ConversationListModel::NameRole).toString(), u"Ana Souza"_s);
    QVERIFY(list->index(0).data(ConversationListModel::UnreadRole).toInt() > 0);
    QTRY_COMPARE(m_window->threadModel()->rowCount(), 4);
    saveShot(m_window.get(), u"/tmp/flowchat-ui-main.png"_s);

    qint64 mariana = 0;
    for (int row = 0; row < list->rowCount(); ++row) {
        if (list->index(row).data(ConversationListModel::E164Role).toString() == u"+5511987654321"_s) {
            mariana = list->index(row).data(ConversationListModel::IdRole).toLongLong();
        }
    }
    selectConversation(mariana);
    QTRY_COMPARE(m_window->threadModel()->rowCount(), 2);
    QVERIFY(!m_window->threadModel()->index(1).data(ThreadModel::ErrorTitleRole).toString().isEmpty());
    saveShot(m_window.get(), u"/tmp/flowchat-ui-failed-thread.png"_s);
    m_window.reset();
}

namespace
{

// The request body the emulator accepted last, as the provider put it on the wire.
QJsonObject lastAcceptedRequest(const Harness& harness)
{
    const QJsonArray accepted = harness.emulator->acceptedMessages();
    return accepted.isEmpty() ? QJsonObject() : accepted.last().toObject().value(u"request"_s).toObject();
}

} // namespace

void TestConsoleFlow::replyQuotesTheMessageOnTheWire()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"Where is parcel 4471?\nIt was due Monday."_s));
    openWindow();
    selectConversation(m_window->conversations()->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    ThreadModel* thread = m_window->threadModel();
    const StoredMessage original = thread->messageAt(0);
    QVERIFY(!original.providerMessageId.isEmpty());

    // Context menu > Reply: the quote bar names the customer and shows the first line.
    auto* menu = m_window->findChild<MessageMenu*>();
    QVERIFY(menu->reply(thread->index(0)));
    Composer* composer = m_window->composer();
    auto* bar = m_window->findChild<QWidget*>(u"composerReplyBar"_s);
    QVERIFY(bar->isVisible());
    const QString quote = m_window->findChild<QLabel*>(u"composerReplyText"_s)->text();
    QVERIFY2(quote.contains(u"Where is parcel 4471?"_s) && !quote.contains(u"Monday"_s), qPrintable(quote));
    QCOMPARE(composer->replyToId(), original.id);

    QTRY_VERIFY(composer->editor()->isEnabled());
    QTest::keyClicks(composer->editor(), u"It is with the courier today."_s);
    QTest::keyClick(composer->editor(), Qt::Key_Return);
    QTRY_COMPARE(thread->rowCount(), 2);
    QTRY_COMPARE(m_harness->acceptedCount(u"It is with the courier today."_s), 1);
    // Meta's wire: the answer carries context.message_id of the quoted message.
    QCOMPARE(lastAcceptedRequest(*m_harness).value(u"context"_s).toObject().value(u"message_id"_s).toString(),
             original.providerMessageId);
    QCOMPARE(thread->messageAt(1).replyTo, original.providerMessageId);
    QVERIFY(bar->isHidden());
    QCOMPARE(composer->replyToId(), 0);
}

void TestConsoleFlow::attachmentsGoOutAsMediaWithCaption()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"Can you send the invoice?"_s));
    openWindow();
    selectConversation(m_window->conversations()->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    Composer* composer = m_window->composer();
    QTRY_VERIFY(composer->editor()->isEnabled());

    QVERIFY(composer->attach(u"ftp://files.example.com/invoice.pdf"_s).contains(u"https://"_s));
    QVERIFY(composer->attach(u"not a url"_s).contains(u"https://"_s));
    QVERIFY(composer->attachments().isEmpty());
    QCOMPARE(composer->attach(u"https://files.example.com/invoices/4471.pdf"_s), QString());
    auto* chip = m_window->findChild<QToolButton*>(u"composerAttachment0"_s);
    QVERIFY(chip && chip->isVisible());
    QVERIFY(chip->text().contains(u"4471.pdf"_s));
    // A caption is limited to 1024 characters.
    QCOMPARE(m_window->findChild<QLabel*>(u"composerCounter"_s)->text(), u"0 / 1024"_s);
    auto* send = m_window->findChild<QPushButton*>(u"composerSend"_s);
    QVERIFY(send->isEnabled()); // media alone may go without text

    QTest::keyClicks(composer->editor(), u"Your invoice"_s);
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE(m_window->threadModel()->rowCount(), 2);
    QTRY_VERIFY(!m_harness->emulator->acceptedMessages().isEmpty());
    const QJsonObject wire = lastAcceptedRequest(*m_harness);
    QCOMPARE(wire.value(u"type"_s).toString(), u"document"_s);
    QCOMPARE(wire.value(u"document"_s).toObject().value(u"link"_s).toString(),
             u"https://files.example.com/invoices/4471.pdf"_s);
    QCOMPARE(wire.value(u"document"_s).toObject().value(u"caption"_s).toString(), u"Your invoice"_s);
    QTRY_VERIFY(composer->attachments().isEmpty());
    QVERIFY(m_window->findChild<QWidget*>(u"composerAttachments"_s)->isHidden());
}

void TestConsoleFlow::enterSendsCanBeFlipped()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"hello"_s));
    openWindow();
    selectConversation(m_window->conversations()->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    Composer* composer = m_window->composer();
    ComposerEdit* editor = composer->editor();
    QTRY_VERIFY(editor->isEnabled());

    auto* enterSends = m_window->findChild<QAction*>(u"composerEnterSends"_s);
    QVERIFY(enterSends->isChecked());
    enterSends->trigger();
    QVERIFY(!composer->enterSends());
    QCOMPARE(QSettings().value(u"composer/enterSends"_s).toBool(), false);

    QTest::keyClicks(editor, u"first"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, u"second"_s);
    QCOMPARE(editor->toPlainText(), u"first\nsecond"_s);
    QCOMPARE(m_window->threadModel()->rowCount(), 1);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(m_window->threadModel()->rowCount(), 2);
    QCOMPARE(m_window->threadModel()->index(1).data(ThreadModel::BodyRole).toString(), u"first\nsecond"_s);

    // Remembered: a new composer starts the way the agent left it.
    Composer fresh;
    QVERIFY(!fresh.enterSends());
    enterSends->trigger();
    QVERIFY(composer->enterSends());
}

void TestConsoleFlow::quickJumpTemplatesAndEscape()
{
    QVERIFY(m_harness->customerWrote(u"+14155550101"_s, 3 * 60000, u"refund please"_s));
    QVERIFY(m_harness->customerWrote(u"+14155550102"_s, 60000, u"hello"_s));
    openWindow();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    ConversationListPanel* panel = m_window->conversations();
    QTRY_COMPARE(panel->view()->currentIndex().row(), 0);

    // Ctrl+K, a few letters of the message, Enter: the older conversation opens.
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QuickJumpDialog* jump = nullptr;
    QTRY_VERIFY((jump = m_window->findChild<QuickJumpDialog*>()) != nullptr);
    QTRY_VERIFY(jump->isVisible());
    QTest::keyClicks(jump->searchField(), u"refund"_s);
    QTRY_COMPARE(jump->results()->model()->rowCount(), 1);
    QTest::keyClick(jump->searchField(), Qt::Key_Return);
    QTRY_COMPARE(panel->currentConversationId(),
                 panel->model()->index(1).data(ConversationListModel::IdRole).toLongLong());
    QTRY_COMPARE(m_window->threadModel()->index(0).data(ThreadModel::BodyRole).toString(), u"refund please"_s);

    // The composer's Templates button opens the template bench.
    QTest::mouseClick(m_window->findChild<QToolButton*>(u"composerTemplates"_s), Qt::LeftButton);
    auto* bench = m_window->findChild<TemplateBench*>();
    QVERIFY(bench && bench->isVisible());
    bench->close();

    // Esc closes the side panels.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->showStatusTimeline(m_window->threadModel()->index(0).data(ThreadModel::IdRole).toLongLong());
    auto* timeline = m_window->findChild<QDockWidget*>(u"statusTimelineDock"_s);
    QTRY_VERIFY(timeline->isVisible());
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QTRY_VERIFY(timeline->isHidden());
}

namespace
{

// Controls a screen reader cannot name, as "Class objectName" lines.
QStringList unnamedControls(QWidget* root)
{
    QStringList unnamed;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : std::as_const(widgets)) {
        const bool control = qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget)
                             || qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractItemView*>(widget)
                             || qobject_cast<QPlainTextEdit*>(widget) || qobject_cast<QAbstractSpinBox*>(widget);
        // Parts Qt builds inside other controls (a combo's popup, a line edit's clear button) are theirs.
        const bool internal = widget->objectName().startsWith(QLatin1String("qt_"))
                              || (widget->parentWidget()
                                  && (qobject_cast<QComboBox*>(widget->parentWidget())
                                      || qobject_cast<QAbstractItemView*>(widget->parentWidget())
                                      || qobject_cast<QLineEdit*>(widget->parentWidget())
                                      || qobject_cast<QAbstractSpinBox*>(widget->parentWidget())));
        if (!control || internal || !widget->isVisibleTo(root)) {
            continue;
        }
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty()) {
            unnamed << QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
        }
    }
    return unnamed;
}

} // namespace

void TestConsoleFlow::everyControlHasAnAccessibleName()
{
    QVERIFY(m_harness->customerWrote(kCustomer, 60000, u"hello"_s));
    openWindow();
    selectConversation(m_window->conversations()->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    m_window->findChild<QAction*>(u"actionLogs"_s)->trigger();
    QStringList unnamed = unnamedControls(m_window.get());

    m_window->findChild<QAction*>(u"actionTemplateBench"_s)->trigger();
    auto* bench = m_window->findChild<TemplateBench*>();
    QVERIFY(bench);
    bench->selectTemplate(u"order_update"_s, u"en_US"_s);
    unnamed << unnamedControls(bench);
    bench->close();

    QTemporaryDir secretsDir;
    SecretStore secrets(secretsDir.filePath(u"secrets.json"_s));
    secrets.setKeychainEnabled(false);
    SettingsDialog settings(m_harness->config, nullptr, &secrets);
    settings.show();
    settings.providerBox()->setCurrentIndex(settings.providerBox()->findData(u"direct"_s));
    unnamed << unnamedControls(&settings);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
}

QTEST_MAIN(TestConsoleFlow)
#include "TestConsoleFlow.moc"
