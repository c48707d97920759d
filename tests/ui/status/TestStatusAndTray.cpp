// The console's status bar (provider health, webhook URL, refused webhooks) and the tray
// notifier (unread count, a notification only while the window is not active), on a real
// service talking to the in-process Meta emulator.
#include "app/service/ProviderHealth.h"
#include "tests/support/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/status/CopyableField.h"
#include "ui/status/ProviderStatusLabel.h"
#include "ui/status/TrayNotifier.h"

#include <QClipboard>
#include <QDialog>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestStatusAndTray : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void providerHealthFollowsTheProvider();
    void webhookUrlIsShownAndCopied();
    void refusedWebhookOffersDiagnosis();
    void inboundNotifiesOnlyWhenInactive();
    void toolsSyncTemplatesAndAbout();

private:
    void openWindow();
    QString providerText() const;

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<MainWindow> m_window;
};

void TestStatusAndTray::initTestCase()
{
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
}

void TestStatusAndTray::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_harness = std::make_unique<Harness>(m_dir->path());
    QVERIFY(m_harness->up());
}

void TestStatusAndTray::cleanup()
{
    m_window.reset();
    m_harness.reset();
    m_dir.reset();
}

void TestStatusAndTray::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_harness->config);
    m_window->attachService(m_harness->client());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QString TestStatusAndTray::providerText() const
{
    return m_window->findChild<ProviderStatusLabel*>(u"providerStatus"_s)->text();
}

void TestStatusAndTray::providerHealthFollowsTheProvider()
{
    openWindow();
    QTRY_COMPARE(providerText(), u"Meta Cloud API — answering"_s);

    // The access token stops working: the provider answers, but refuses us.
    FaultSpec expired;
    expired.kind = FaultSpec::Kind::ProviderError;
    expired.httpStatus = 401;
    expired.providerCode = u"190"_s;
    m_harness->emulator->addFault(expired);
    m_harness->client()->checkProvider();
    QTRY_COMPARE(providerText(), u"Meta Cloud API — refuses our credentials"_s);
    QVERIFY(!m_window->findChild<ProviderStatusLabel*>(u"providerStatus"_s)->toolTip().isEmpty());

    // Nobody answers at all.
    m_harness->emulator->clearFaults();
    m_harness->emulator.reset();
    m_harness->client()->checkProvider();
    QTRY_COMPARE(providerText(), u"Meta Cloud API — not answering"_s);
}

void TestStatusAndTray::webhookUrlIsShownAndCopied()
{
    m_harness->config.set(ConfigKey::PublicUrl, u"https://support.example.com"_s, {});
    openWindow();
    auto* field = m_window->findChild<CopyableField*>(u"webhookUrl"_s);
    QVERIFY(field);
    QCOMPARE(field->value(), m_harness->config.webhookUrl().toString());
    QVERIFY(field->value().startsWith(u"https://support.example.com/"_s));
    QVERIFY(field->copyButton()->isVisible());
    QTest::mouseClick(field->copyButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), field->value());
}

void TestStatusAndTray::refusedWebhookOffersDiagnosis()
{
    openWindow();
    auto* refused = m_window->findChild<QToolButton*>(u"webhookRefused"_s);
    QVERIFY(refused);
    QVERIFY(!refused->isVisible());

    const WebhookRequest forged = m_harness->metaWebhook(metaInboundBody(u"wamid.forged"_s, u"14155550100"_s, u"hi"_s),
                                                         "sha256=" + QByteArray(64, 'a'));
    const Result<WebhookOutcome> outcome = m_harness->receive(forged);
    QVERIFY(outcome);
    QCOMPARE(outcome->verdict, WebhookLogEntry::Verdict::Refused);
    QTRY_VERIFY(refused->isVisible());
    QVERIFY(refused->toolTip().contains(u"signature"_s, Qt::CaseInsensitive));

    // One click runs the webhook doctor.
    QTest::mouseClick(refused, Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<QDialog*>(u"diagnoseWebhooks"_s));
    QVERIFY(m_window->findChild<QDialog*>(u"diagnoseWebhooks"_s)->isVisible());
    QVERIFY(!refused->isVisible());
}

void TestStatusAndTray::inboundNotifiesOnlyWhenInactive()
{
    openWindow();
    TrayNotifier* tray = m_window->trayNotifier();
    QVERIFY(tray);
    QCOMPARE(tray->unreadTotal(), 0);
    QSignalSpy notified(tray, &TrayNotifier::notified);

    // The agent is looking at the console: count it, but do not interrupt.
    QApplication::setActiveWindow(m_window.get());
    QTRY_VERIFY(m_window->isActiveWindow());
    QVERIFY(m_harness->receive(m_harness->metaWebhook(metaInboundBody(u"wamid.one"_s, u"14155550100"_s, u"first"_s))));
    QTRY_COMPARE(tray->unreadTotal(), 1);
    QTRY_COMPARE(m_window->windowTitle(), u"FlowChat (1)"_s);
    QCOMPARE(notified.count(), 0);

    // Another window has the focus: a notification names the customer and shows the text.
    QWidget elsewhere;
    elsewhere.show();
    QVERIFY(QTest::qWaitForWindowExposed(&elsewhere));
    QApplication::setActiveWindow(&elsewhere);
    QTRY_VERIFY(!m_window->isActiveWindow());
    QVERIFY(m_harness->receive(
        m_harness->metaWebhook(metaInboundBody(u"wamid.two"_s, u"14155550100"_s, u"are you there?"_s))));
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(1).toString(), u"Ana"_s);
    QCOMPARE(notified.first().at(2).toString(), u"are you there?"_s);
    QTRY_COMPARE(tray->unreadTotal(), 2);

    // The same webhook again (providers retry) is not a second notification.
    QVERIFY(m_harness->receive(
        m_harness->metaWebhook(metaInboundBody(u"wamid.two"_s, u"14155550100"_s, u"are you there?"_s))));
    // Reads answer in order: had the retry notified, it would come before the next message's.
    QVERIFY(
        m_harness->receive(m_harness->metaWebhook(metaInboundBody(u"wamid.three"_s, u"14155550100"_s, u"hello?"_s))));
    QTRY_COMPARE(notified.count(), 2);
    QCOMPARE(notified.at(1).at(2).toString(), u"hello?"_s);
}

void TestStatusAndTray::toolsSyncTemplatesAndAbout()
{
    openWindow();
    auto* sync = m_window->findChild<QAction*>(u"actionSyncTemplates"_s);
    QVERIFY(sync);
    sync->trigger();
    QTRY_VERIFY(m_window->statusBar()->currentMessage().endsWith(u"synced"_s));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QRegularExpression(u"^[1-9][0-9]* template"_s)));

    // The emulator stops answering: the provider's own failure is shown, not a generic one.
    m_harness->emulator.reset();
    sync->trigger();
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(u"Template sync failed: "_s));

    m_window->findChild<QAction*>(u"actionAbout"_s)->trigger();
    QTRY_VERIFY(m_window->findChild<QDialog*>(u"aboutDialog"_s));
}

QTEST_MAIN(TestStatusAndTray)
#include "TestStatusAndTray.moc"
