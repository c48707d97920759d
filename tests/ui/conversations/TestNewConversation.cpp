// File > New conversation: the number is formatted and checked as it is typed, and opening it
// creates one conversation however the number is spelled, selected in the list, ready to write.
#include "tests/support/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/conversations/NewConversationDialog.h"
#include "ui/thread/ThreadModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestNewConversation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void numberIsFormattedAndChecked();
    void openingTwiceKeepsOneConversation();
    void consoleOpensAndSelectsIt();

private:
    QTemporaryDir m_settings;
};

void TestNewConversation::initTestCase()
{
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
}

void TestNewConversation::numberIsFormattedAndChecked()
{
    NewConversationDialog dialog;
    dialog.show();
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* problem = dialog.findChild<QLabel*>(u"newConversationProblem"_s);
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(dialog.numberField(), u"11 91234"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().startsWith(u"Start with + and the country code"_s));

    dialog.numberField()->clear();
    QTest::keyClicks(dialog.numberField(), u"+14155550100"_s);
    QCOMPARE(dialog.numberField()->text(), u"+1 415-555-0100"_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(!problem->isVisible());
    QCOMPARE(dialog.number(), u"+14155550100"_s);

    dialog.numberField()->clear();
    QTest::keyClicks(dialog.numberField(), u"+1 123"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!problem->text().isEmpty());
    QCOMPARE(dialog.number(), QString());
}

void TestNewConversation::openingTwiceKeepsOneConversation()
{
    QTemporaryDir dir;
    Harness harness(dir.path());
    QVERIFY(harness.up());
    const auto open = [&harness](const QString& number) {
        return await<ConversationSummary>(
            [&](auto done) { harness.service->openConversation(number, &harness.context, done); });
    };
    const Result<ConversationSummary> first = open(u"+55 11 91234-5678"_s);
    QVERIFY(first);
    QCOMPARE(first->e164, u"+5511912345678"_s);
    QVERIFY(first->lastMessageAt > 0);
    // The same number written another way: the same person.
    const Result<ConversationSummary> again = open(u"+55 (11) 9 1234 5678"_s);
    QVERIFY(again);
    QCOMPARE(again->id, first->id);
    const Result<ConversationSummary> bad = open(u"not a number"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, u"to"_s);
    QCOMPARE(MessageReader(harness.database()).conversations({})->size(), 1);
}

void TestNewConversation::consoleOpensAndSelectsIt()
{
    QTemporaryDir dir;
    Harness harness(dir.path());
    QVERIFY(harness.up());
    QVERIFY(harness.customerWrote(kCustomer, 1000, u"Hi"_s));
    MainWindow window(harness.config);
    window.attachService(harness.client());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    NewConversationDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<NewConversationDialog*>(u"newConversationDialog"_s)));
    QTest::keyClicks(dialog->numberField(), u"+5215512345678"_s);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    ConversationListPanel* list = window.conversations();
    QTRY_COMPARE(list->model()->rowCount(), 2);
    QTRY_COMPARE(list->currentConversationId(),
                 list->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    QTRY_COMPARE(window.threadModel()->conversationId(), list->currentConversationId());
    QCOMPARE(window.threadModel()->rowCount(), 0);
    // No message from this customer yet: the window is closed, templates only.
    QVERIFY(!window.composer()->editor()->isEnabled());
}

QTEST_MAIN(TestNewConversation)
#include "TestNewConversation.moc"
