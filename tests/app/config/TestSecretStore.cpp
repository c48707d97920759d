// SecretStore: the 0600 file when no keychain answers, and the real system keychain (GNOME Keyring
// over a private D-Bus session, started by tests/app/config/with-keychain.sh) when one does.
#include "app/config/SecretStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

namespace
{

Result<void> saveAndWait(SecretStore& store, const QHash<QString, QString>& secrets)
{
    std::optional<Result<void>> outcome;
    store.save(secrets, [&outcome](Result<void> saved) { outcome = saved; });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 10000)) {
        return tl::make_unexpected(Error::validation(u"secrets"_s, u"no answer within 10 s"_s));
    }
    return *outcome;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void privateFileIsOwnerOnly();
    void emptySecretsRemoveTheFile();
    void keychainHoldsTheSecrets();
};

void TestSecretStore::privateFileIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/secrets.json"_s);
    SecretStore store(path);
    store.setKeychainEnabled(false);
    QVERIFY(store.load().isEmpty());
    QCOMPARE(store.backend(), SecretStore::Backend::PrivateFile);
    QVERIFY(store.describe().contains(path));

    const Result<void> saved =
        saveAndWait(store, {{u"WHATSAPP_API_TOKEN"_s, u"tok-1"_s}, {u"FLOWCHAT_API_TOKEN"_s, QString()}});
    QVERIFY(saved);
    QFile file(path);
    QCOMPARE(
        file.permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());

    SecretStore again(path);
    again.setKeychainEnabled(false);
    const QHash<QString, QString> loaded = again.load();
    QCOMPARE(loaded.value(u"WHATSAPP_API_TOKEN"_s), u"tok-1"_s);
    QVERIFY(!loaded.contains(u"FLOWCHAT_API_TOKEN"_s)); // an empty secret is not kept
}

void TestSecretStore::emptySecretsRemoveTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    SecretStore store(path);
    store.setKeychainEnabled(false);
    store.load();
    QVERIFY(saveAndWait(store, {{u"WHATSAPP_APP_SECRET"_s, u"s"_s}}));
    QVERIFY(QFile::exists(path));
    QVERIFY(saveAndWait(store, {{u"WHATSAPP_APP_SECRET"_s, QString()}}));
    QVERIFY(!QFile::exists(path));
}

void TestSecretStore::keychainHoldsTheSecrets()
{
    if (qEnvironmentVariableIsEmpty("FLOWCHAT_TEST_KEYCHAIN")) {
        QSKIP("run through with-keychain.sh, which starts a private keyring");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    SecretStore store(path);
    store.load();
    QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
    QCOMPARE(store.describe(), u"Secrets are kept in the system keychain."_s);
    const Result<void> saved = saveAndWait(store, {{u"TWILIO_AUTH_TOKEN"_s, u"0123456789abcdef0123456789abcdef"_s}});
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
    QVERIFY2(!QFile::exists(path), "with a keychain, no secret is written to the file");

    SecretStore again(path);
    QCOMPARE(again.load().value(u"TWILIO_AUTH_TOKEN"_s), u"0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(again.backend(), SecretStore::Backend::Keychain);
    QVERIFY(saveAndWait(again, {}));
    SecretStore cleared(path);
    QVERIFY(cleared.load().isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
