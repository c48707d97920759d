// The page shown before the service runs: the setup summary, every configuration problem, what
// the service is doing, and the way into Settings.
#include "app/config/Config.h"
#include "tests/support/ConfigSupport.h"
#include "ui/setup/SetupPage.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSetupPage : public QObject
{
    Q_OBJECT

private slots:
    void summaryIsPlainText();
    void listsEveryProblem();
    void cleanConfigHasNoProblems();
    void openSettingsAsksForSettings();
    void notesFollowTheService();
};

void TestSetupPage::summaryIsPlainText()
{
    const Config config = ConfigSupport::with({{ConfigKey::Provider, u"twilio"_s},
                                               {ConfigKey::Database, u"/srv/<b>chat</b>/flowchat.sqlite"_s},
                                               {ConfigKey::Listen, u"127.0.0.1:9123"_s}});
    SetupPage page(config);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.objectName(), u"setupPage"_s);
    QCOMPARE(page.findChild<QLabel*>(u"providerValue"_s)->text(), u"Twilio"_s);
    auto* database = page.findChild<QLabel*>(u"databaseValue"_s);
    QCOMPARE(database->text(), u"/srv/<b>chat</b>/flowchat.sqlite"_s);
    QCOMPARE(database->textFormat(), Qt::PlainText);
    QCOMPARE(page.findChild<QLabel*>(u"listenValue"_s)->text(), u"127.0.0.1:9123"_s);
    QCOMPARE(page.findChild<QLabel*>(u"webhookValue"_s)->text(), u"not set (FLOWCHAT_PUBLIC_URL)"_s);
}

void TestSetupPage::listsEveryProblem()
{
    const Config broken = ConfigSupport::with({{ConfigKey::Provider, u"direct"_s}, {ConfigKey::SendRate, u"fast"_s}});
    SetupPage page(broken);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.note(), u"FlowChat cannot start until the problems below are fixed."_s);
    auto* list = page.findChild<QListWidget*>(u"problemList"_s);
    QVERIFY(list);
    QVERIFY(list->isVisible());
    // Errors first (rate, token, phone number id), then warnings (business account, app secret).
    QCOMPARE(list->count(), broken.validate().size() + broken.warnings().size());
    QCOMPARE(list->count(), 5);
    QVERIFY(list->item(0)->text().startsWith(u"FLOWCHAT_SEND_RATE must be"_s));
    QCOMPARE(list->item(0)->toolTip(), u"Problem with %1"_s.arg(broken.validate().first().field));
    QCOMPARE(list->item(4)->toolTip(), u"Warning about %1"_s.arg(broken.warnings().last().field));
    QCOMPARE(page.findChild<QLabel*>(u"problemHint"_s)->text(),
             u"Fix these in your .env file or environment, then start FlowChat again."_s);
    QVERIFY(!page.findChild<QLabel*>(u"noProblems"_s));
}

void TestSetupPage::cleanConfigHasNoProblems()
{
    SetupPage page(Config{});
    QCOMPARE(page.note(), u"Starting the message service…"_s);
    QVERIFY(page.findChild<QLabel*>(u"noProblems"_s));
    QVERIFY(!page.findChild<QListWidget*>(u"problemList"_s));
}

void TestSetupPage::openSettingsAsksForSettings()
{
    SetupPage page(ConfigSupport::with({{ConfigKey::SendRate, u"fast"_s}}));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy asked(&page, &SetupPage::settingsRequested);
    auto* button = page.findChild<QPushButton*>(u"setupOpenSettings"_s);
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
}

void TestSetupPage::notesFollowTheService()
{
    SetupPage page(Config{});
    auto* note = page.findChild<QLabel*>(u"placeholderNote"_s);
    QVERIFY(note);
    QCOMPARE(note->textFormat(), Qt::PlainText);

    page.showServiceProblem(u"port <9123> is taken"_s);
    QCOMPARE(note->text(), u"The message service could not start: port <9123> is taken"_s);
    QCOMPARE(page.note(), note->text());

    page.showRestarting();
    QCOMPARE(note->text(), u"Restarting the message service with the new settings… Unsent messages stay queued."_s);
}

QTEST_MAIN(TestSetupPage)
#include "TestSetupPage.moc"
