// File > Settings on real widgets: fields checked as typed with Config's rules, values given by a
// .env shown read-only, plain values and secrets saved apart (the secrets file is 0600), Test
// connection against the Meta emulator over loopback, and Save restarting the console without
// losing a message waiting in the outbox.
#include "app/config/ConfigLoader.h"
#include "app/config/SecretStore.h"
#include "app/headless/ServiceHost.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageReader.h"
#include "providers/emulator/MetaEmulator.h"
#include "tests/support/ConfigSupport.h"
#include "tests/support/ServiceTestSupport.h"
#include "ui/ConsoleSession.h"
#include "ui/MainWindow.h"
#include "ui/logs/LogsDock.h"
#include "ui/logs/RequestInspector.h"
#include "ui/settings/DatabaseSettings.h"
#include "ui/settings/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

namespace
{

const QString kSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString kTwilioToken = u"0123456789abcdef0123456789abcdef"_s;

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void refusesInvalidValuesAsTyped();
    void valuesFromEnvFileAreReadOnly();
    void graphUrlInEitherForm();
    void savesPlainValuesAndSecretsApart();
    void testConnectionReportsTheProvidersOwnError();
    void saveRestartsWithoutLosingTheOutbox();
    void switchesToATeamDatabaseAndBack();
    void testsTheDatabaseWithoutFreezing();

private:
    // Loads as flowchat would, from this test's files only.
    Config load(const QString& envFile = QString()) const;
    std::unique_ptr<SettingsDialog> openDialog(const Config& config);
    void type(QLineEdit* edit, const QString& text);

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
};

void TestSettings::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.path().toUtf8());
}

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"flowchat.conf"_s), QSettings::IniFormat);
    m_secrets = std::make_unique<SecretStore>(m_dir->filePath(u"secrets.json"_s));
    m_secrets->setKeychainEnabled(false); // never the user's keychain
    m_secrets->load();
}

void TestSettings::cleanup()
{
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

Config TestSettings::load(const QString& envFile) const
{
    ConfigLoader loader;
    loader.setSettings(m_settings.get());
    loader.setEnvironment(QProcessEnvironment());
    loader.setWorkingDirectory(m_dir->path());
    loader.setConfigDirectory(m_dir->path());
    loader.setEnvFile(envFile);
    loader.setSavedSecrets(m_secrets->secrets(), m_secrets->fallbackPath());
    return loader.load();
}

std::unique_ptr<SettingsDialog> TestSettings::openDialog(const Config& config)
{
    auto dialog = std::make_unique<SettingsDialog>(config, m_settings.get(), m_secrets.get());
    dialog->show();
    return dialog;
}

void TestSettings::type(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestSettings::refusesInvalidValuesAsTyped()
{
    auto dialog = openDialog(load());
    QCOMPARE(dialog->providerBox()->currentData().toString(), u"sandbox"_s);
    QVERIFY(dialog->saveButton()->isEnabled());

    // Twilio needs three fields: each missing one is named under its field and Save is off.
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(u"twilio"_s));
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioAccountSid)->isVisible());
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioAccountSid)->text().contains(u"required"_s));

    QLineEdit* sid = dialog->field(ConfigKey::TwilioAccountSid);
    type(sid, u"XY123"_s);
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioAccountSid)->text().contains(u"must start with AC"_s));
    type(sid, kSid);
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioAccountSid)->isHidden());

    type(dialog->field(ConfigKey::TwilioAuthToken), u"not hex"_s);
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioAuthToken)->text().contains(u"32 hexadecimal"_s));
    type(dialog->field(ConfigKey::TwilioAuthToken), kTwilioToken);
    type(dialog->field(ConfigKey::TwilioWhatsAppNumber), u"12"_s);
    QVERIFY(dialog->problemLabel(ConfigKey::TwilioWhatsAppNumber)->isVisible());
    type(dialog->field(ConfigKey::TwilioWhatsAppNumber), u"+1 415 523 8886"_s);
    QVERIFY(dialog->fieldProblems().isEmpty());
    QVERIFY(dialog->saveButton()->isEnabled());

    // The local service: a listen address must be ADDRESS:PORT, and off loopback it needs a token.
    type(dialog->field(ConfigKey::Listen), u"everywhere"_s);
    QVERIFY(dialog->problemLabel(ConfigKey::Listen)->text().contains(u"ADDRESS:PORT"_s));
    QVERIFY(!dialog->saveButton()->isEnabled());
    type(dialog->field(ConfigKey::Listen), u"0.0.0.0:8080"_s);
    QVERIFY(dialog->problemLabel(ConfigKey::ApiToken)->text().contains(u"FLOWCHAT_API_TOKEN must be set"_s));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"settingsGenerateApiToken"_s), Qt::LeftButton);
    QCOMPARE(dialog->field(ConfigKey::ApiToken)->text().size(), 32);
    QVERIFY(dialog->problemLabel(ConfigKey::ApiToken)->isHidden());
    QVERIFY(dialog->saveButton()->isEnabled());

    // Saving what was already there writes and restarts nothing.
    {
        auto unchanged = openDialog(load());
        QSignalSpy saved(unchanged.get(), &SettingsDialog::saved);
        QTest::mouseClick(unchanged->saveButton(), Qt::LeftButton);
        QVERIFY(unchanged->isHidden());
        QCOMPARE(unchanged->result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 0);
    }

    // A refused dialog saves nothing.
    dialog->reject();
    m_settings->sync();
    QVERIFY(m_settings->allKeys().isEmpty());
}

void TestSettings::valuesFromEnvFileAreReadOnly()
{
    const QString envPath = m_dir->filePath(u".env"_s);
    QFile env(envPath);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("WHATSAPP_PROVIDER=direct\nWHATSAPP_API_TOKEN=env-token-value\nWHATSAPP_PHONE_NUMBER_ID=123\n");
    env.close();
    auto dialog = openDialog(load(envPath));
    QVERIFY(!dialog->providerBox()->isEnabled());
    QVERIFY(dialog->providerBox()->toolTip().contains(envPath));
    QLineEdit* token = dialog->field(ConfigKey::WhatsAppApiToken);
    QVERIFY(!token->isEnabled());
    QVERIFY2(!token->text().contains(u"env-token-value"_s), "a secret from .env must stay masked");
    // What the .env does not give stays editable.
    QVERIFY(dialog->field(ConfigKey::WhatsAppBusinessAccountId)->isEnabled());
}

void TestSettings::graphUrlInEitherForm()
{
    auto dialog = openDialog(load());
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(u"direct"_s));
    type(dialog->field(ConfigKey::WhatsAppApiToken), u"EAAG-token"_s);
    QLineEdit* phoneNumberId = dialog->field(ConfigKey::WhatsAppPhoneNumberId);
    // The base form (the default) needs the phone number ID.
    QVERIFY(dialog->problemLabel(ConfigKey::WhatsAppPhoneNumberId)->text().contains(u"required"_s));
    QVERIFY(!dialog->saveButton()->isEnabled());

    // The guide's send URL names it: nothing is missing, and the field says where the ID comes from.
    type(dialog->field(ConfigKey::WhatsAppApiUrl), u"https://graph.facebook.com/v18.0/106540352242922/messages"_s);
    QVERIFY2(dialog->fieldProblems().isEmpty(), qPrintable(dialog->fieldProblems().values().join(u'\n')));
    QVERIFY(dialog->saveButton()->isEnabled());
    QVERIFY2(phoneNumberId->placeholderText().contains(u"106540352242922"_s),
             qPrintable(phoneNumberId->placeholderText()));

    // Another ID beside it is a conflict, named under the phone number ID with both values.
    type(phoneNumberId, u"987654321098765"_s);
    const QString conflict = dialog->problemLabel(ConfigKey::WhatsAppPhoneNumberId)->text();
    QVERIFY2(conflict.contains(u"987654321098765"_s) && conflict.contains(u"106540352242922"_s), qPrintable(conflict));
    QVERIFY(!dialog->saveButton()->isEnabled());
    type(phoneNumberId, u"106540352242922"_s);
    QVERIFY(dialog->saveButton()->isEnabled());
}

void TestSettings::savesPlainValuesAndSecretsApart()
{
    auto dialog = openDialog(load());
    QSignalSpy saved(dialog.get(), &SettingsDialog::saved);
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(u"direct"_s));
    type(dialog->field(ConfigKey::WhatsAppApiToken), u"EAAG-secret-token"_s);
    type(dialog->field(ConfigKey::WhatsAppPhoneNumberId), u"106540352242922"_s);
    type(dialog->field(ConfigKey::WhatsAppAppSecret), u"app-secret-value"_s);
    type(dialog->field(ConfigKey::PublicUrl), u"https://chat.example.com"_s);
    QVERIFY(dialog->findChild<QLabel*>(u"settingsSecretsNote"_s)->text().contains(m_secrets->fallbackPath()));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(5000));

    m_settings->sync();
    QCOMPARE(m_settings->value(u"config/WHATSAPP_PROVIDER"_s).toString(), u"direct"_s);
    QCOMPARE(m_settings->value(u"config/WHATSAPP_PHONE_NUMBER_ID"_s).toString(), u"106540352242922"_s);
    QVERIFY(!m_settings->contains(u"config/WHATSAPP_API_TOKEN"_s));
    QFile plain(m_settings->fileName());
    QVERIFY(plain.open(QIODevice::ReadOnly));
    QVERIFY2(!plain.readAll().contains("secret"), "no secret in the plain settings file");

    QFile secrets(m_secrets->fallbackPath());
    QVERIFY(secrets.exists());
    QCOMPARE(secrets.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // flowchat reads back what was saved, from the file, as a fresh start would.
    SecretStore reread(m_secrets->fallbackPath());
    reread.setKeychainEnabled(false);
    QCOMPARE(reread.load().value(ConfigKey::WhatsAppApiToken), u"EAAG-secret-token"_s);
    m_secrets->load();
    const Config config = load();
    QCOMPARE(config.provider(), Config::Provider::Direct);
    QCOMPARE(config.whatsAppApiToken(), u"EAAG-secret-token"_s);
    QCOMPARE(config.whatsAppAppSecret(), u"app-secret-value"_s);
    QCOMPARE(config.origin(ConfigKey::WhatsAppApiToken).source, Config::Source::SavedSettings);
    QVERIFY(config.validate().isEmpty());
}

void TestSettings::testConnectionReportsTheProvidersOwnError()
{
    EmulatorOptions options;
    options.accessToken = kAccessToken;
    options.phoneNumberId = kPhoneNumberId;
    options.wabaId = kWabaId;
    MetaEmulator emulator(options);
    QVERIFY(emulator.listen() != 0);
    QUrl api = emulator.baseUrl();
    api.setPath(u"/v23.0"_s);

    auto dialog = openDialog(load());
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(u"direct"_s));
    type(dialog->field(ConfigKey::WhatsAppApiUrl), api.toString());
    type(dialog->field(ConfigKey::WhatsAppApiToken), u"a-wrong-token"_s);
    type(dialog->field(ConfigKey::WhatsAppPhoneNumberId), kPhoneNumberId);
    type(dialog->field(ConfigKey::WhatsAppBusinessAccountId), kWabaId);
    QPushButton* test = dialog->findChild<QPushButton*>(u"settingsTestConnection"_s);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->connectionResult()->text().startsWith(u"The provider refused"_s), 10000);
    // Meta's own code for an invalid access token.
    QVERIFY2(dialog->connectionResult()->text().contains(u"(190)"_s), qPrintable(dialog->connectionResult()->text()));

    type(dialog->field(ConfigKey::WhatsAppApiToken), kAccessToken);
    QTRY_VERIFY(test->isEnabled());
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->connectionResult()->text().startsWith(u"The provider answered"_s), 10000);
    QVERIFY(dialog->connectionResult()->text().contains(u"template"_s));
}

void TestSettings::saveRestartsWithoutLosingTheOutbox()
{
    const quint16 port = ConfigSupport::freePort();
    QVERIFY(port != 0);
    EmulatorOptions options;
    options.accessToken = kAccessToken;
    options.phoneNumberId = kPhoneNumberId;
    options.wabaId = kWabaId;
    options.statusDelayMs = 20;
    options.webhookUrl = QUrl(u"http://127.0.0.1:%1/api/whatsapp/webhook"_s.arg(port));
    MetaEmulator emulator(options);
    QVERIFY(emulator.listen() != 0);
    QUrl api = emulator.baseUrl();
    api.setPath(u"/v23.0"_s);
    QSignalSpy accepted(&emulator, &MetaEmulator::messageAccepted);

    // The window's Settings writes FlowChat's own settings file (under this test's XDG_CONFIG_HOME).
    m_settings = std::make_unique<QSettings>(ConfigLoader::organizationName(), ConfigLoader::applicationName());
    m_settings->clear();
    m_settings->beginGroup(ConfigLoader::settingsGroup());
    m_settings->setValue(ConfigKey::Provider, u"direct"_s);
    m_settings->setValue(ConfigKey::WhatsAppApiUrl, api.toString());
    m_settings->setValue(ConfigKey::WhatsAppPhoneNumberId, kPhoneNumberId);
    m_settings->setValue(ConfigKey::WhatsAppBusinessAccountId, kWabaId);
    m_settings->setValue(ConfigKey::Listen, u"127.0.0.1:%1"_s.arg(port));
    m_settings->setValue(ConfigKey::Database, m_dir->filePath(u"flowchat.sqlite"_s));
    m_settings->setValue(ConfigKey::MediaCache, m_dir->filePath(u"media"_s));
    m_settings->setValue(ConfigKey::WindowPolicy, u"warn"_s);
    m_settings->endGroup();
    m_secrets->save({{ConfigKey::WhatsAppApiToken, kAccessToken}}, [](Result<void>) {});
    QTRY_VERIFY(QFile::exists(m_secrets->fallbackPath()));

    ConsoleSession session([this] { return load(); }, m_secrets.get());
    QSignalSpy started(&session, &ConsoleSession::serviceStarted);
    session.start();
    QVERIFY(started.wait(10000));

    // The provider fails for now (a 500 is retried with backoff): the message waits in the outbox.
    emulator.addFault(*FaultSpec::parse(u"500"_s));
    SendRequest request;
    request.to = kCustomer;
    request.body = u"Your order is on its way"_s;
    const Result<SendReceipt> receipt =
        await<SendReceipt>([&](auto done) { session.client()->send(request, &session, done); });
    QVERIFY2(receipt, qPrintable(why(receipt)));
    QCOMPARE(accepted.count(), 0);

    // Settings: a new public URL, saved; the console restarts on it.
    MainWindow* before = session.window();
    before->showSettings();
    SettingsDialog* dialog = before->findChild<SettingsDialog*>();
    QVERIFY(dialog);
    type(dialog->field(ConfigKey::PublicUrl), u"https://chat.example.com"_s);
    QSignalSpy restarted(&session, &ConsoleSession::restarted);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(restarted.wait(15000));
    QCOMPARE(session.config().publicUrl(), QUrl(u"https://chat.example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 10000);

    // The provider is back: the waiting message goes out once, and only once.
    emulator.clearFaults();
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 15000);
    // The restarted service records its provider requests for the logs dock's inspector.
    QTRY_VERIFY(session.window()->logsDock()->requestInspector()->model()->rowCount() > 0);
    MessageReader reader(m_dir->filePath(u"flowchat.sqlite"_s));
    QTRY_COMPARE_WITH_TIMEOUT(reader.message(receipt->id).value_or(StoredMessage{}).status, MessageStatus::Read, 15000);
    QCOMPARE(accepted.count(), 1);
}

void TestSettings::switchesToATeamDatabaseAndBack()
{
    auto dialog = openDialog(load());
    DatabaseSettings* history = dialog->databaseSettings();
    QLineEdit* database = dialog->field(ConfigKey::Database);
    QVERIFY(!history->isTeam());
    QVERIFY(!database->isReadOnly());

    // The team's server, from its parts: the field shows the URI they make, without a password.
    auto* kind = dialog->findChild<QComboBox*>(u"settingsHistoryKind"_s);
    kind->setCurrentIndex(1);
    QVERIFY(history->isTeam());
    QVERIFY(database->isReadOnly());
    type(dialog->findChild<QLineEdit*>(u"settingsDatabaseHost"_s), u"db.example.com"_s);
    type(dialog->findChild<QLineEdit*>(u"settingsDatabaseName"_s), u"flowchat"_s);
    type(dialog->findChild<QLineEdit*>(u"settingsDatabaseUser"_s), u"ana"_s);
    dialog->findChild<QCheckBox*>(u"settingsDatabaseTls"_s)->setChecked(true);
    QCOMPARE(database->text(), u"postgresql://ana@db.example.com/flowchat?sslmode=require"_s);
    QVERIFY(dialog->candidate().databaseIsShared());
    QVERIFY(dialog->fieldProblems().isEmpty());
    type(dialog->field(ConfigKey::Agent), u"Ana Souza"_s);
    type(dialog->field(ConfigKey::DatabasePassword), u"pw-for-the-keychain"_s);
    QVERIFY(!database->text().contains(u"pw-for-the-keychain"_s));

    QSignalSpy saved(dialog.get(), &SettingsDialog::saved);
    dialog->save();
    QTRY_COMPARE(saved.size(), 1);
    // The password goes with the secrets, never into the plain settings or the URI.
    QCOMPARE(m_secrets->secrets().value(ConfigKey::DatabasePassword), u"pw-for-the-keychain"_s);
    QVERIFY(!m_settings->contains(u"config/FLOWCHAT_DATABASE_PASSWORD"_s));
    QCOMPARE(m_settings->value(u"config/FLOWCHAT_DATABASE"_s).toString(),
             u"postgresql://ana@db.example.com/flowchat?sslmode=require"_s);
    QCOMPARE(load().agentName(), u"Ana Souza"_s);

    // Opened again, the parts come back from the URI; back to a file, the default file is used.
    auto again = openDialog(load());
    QVERIFY(again->databaseSettings()->isTeam());
    QCOMPARE(again->findChild<QLineEdit*>(u"settingsDatabaseHost"_s)->text(), u"db.example.com"_s);
    QVERIFY(again->findChild<QCheckBox*>(u"settingsDatabaseTls"_s)->isChecked());
    again->findChild<QComboBox*>(u"settingsHistoryKind"_s)->setCurrentIndex(0);
    QVERIFY(again->field(ConfigKey::Database)->text().isEmpty());
    QVERIFY(!again->candidate().databaseIsShared());
}

void TestSettings::testsTheDatabaseWithoutFreezing()
{
    // A server that accepts and never answers: the checks wait for libpq's connection timeout
    // (5 s) and then fail, saying where they tried, while the window keeps running.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    const quint16 port = silent.serverPort();
    auto dialog = openDialog(load());
    dialog->findChild<QComboBox*>(u"settingsHistoryKind"_s)->setCurrentIndex(1);
    type(dialog->findChild<QLineEdit*>(u"settingsDatabaseHost"_s), u"127.0.0.1"_s);
    dialog->findChild<QSpinBox*>(u"settingsDatabasePort"_s)->setValue(port);
    type(dialog->findChild<QLineEdit*>(u"settingsDatabaseName"_s), u"flowchat"_s);
    type(dialog->field(ConfigKey::DatabasePassword), u"typed-not-saved"_s);

    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(20);
    dialog->databaseSettings()->testConnection();
    QLabel* result = dialog->databaseSettings()->result();
    QVERIFY2(result->text().startsWith(u"Connecting to postgresql://127.0.0.1:%1/flowchat"_s.arg(port)),
             qPrintable(result->text()));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"FAIL"_s), 10000);
    QVERIFY2(result->text().contains(u"127.0.0.1"_s) && result->text().contains(QString::number(port)),
             qPrintable(result->text()));
    QVERIFY2(ticks > 100, qPrintable(QString::number(ticks))); // 20 ms ticks all through the wait
    QVERIFY(!result->text().contains(u"typed-not-saved"_s));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QPushButton*>(u"settingsTestDatabase"_s)->isEnabled(), 10000);
}

QTEST_MAIN(TestSettings)
#include "TestSettings.moc"
