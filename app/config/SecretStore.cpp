#include "app/config/SecretStore.h"

#include "app/AppLogging.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace
{

const QString kService = QStringLiteral("FlowChat");
const QString kEntry = QStringLiteral("config-secrets");
constexpr int kKeychainWaitMs = 3000;

QByteArray toJson(const QHash<QString, QString>& secrets)
{
    QJsonObject object;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!it.value().isEmpty()) {
            object.insert(it.key(), it.value());
        }
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QHash<QString, QString> fromJson(const QByteArray& json)
{
    QHash<QString, QString> secrets;
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        secrets.insert(it.key(), it.value().toString());
    }
    return secrets;
}

bool hasAny(const QHash<QString, QString>& secrets)
{
    for (const QString& value : secrets) {
        if (!value.isEmpty()) {
            return true;
        }
    }
    return false;
}

} // namespace

SecretStore::SecretStore(QString fallbackPath, QObject* parent)
    : QObject(parent)
    , m_fallbackPath(fallbackPath.isEmpty() ? defaultFallbackPath() : std::move(fallbackPath))
{
}

QString SecretStore::defaultFallbackPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/secrets.json");
}

void SecretStore::setKeychainEnabled(bool enabled)
{
    m_keychainEnabled = enabled;
}

QString SecretStore::fallbackPath() const
{
    return m_fallbackPath;
}

QHash<QString, QString> SecretStore::secrets() const
{
    return m_secrets;
}

SecretStore::Backend SecretStore::backend() const
{
    return m_backend;
}

QString SecretStore::describe() const
{
    if (m_backend == Backend::Keychain) {
        return tr("Secrets are kept in the system keychain.");
    }
    return tr("No system keychain answered, so secrets are kept in %1, which only you can read.")
        .arg(QDir::toNativeSeparators(m_fallbackPath));
}

QString SecretStore::location() const
{
    return m_backend == Backend::Keychain ? QStringLiteral("system keychain") : m_fallbackPath;
}

QHash<QString, QString> SecretStore::load()
{
    QHash<QString, QString> secrets = loadFromFile();
    m_backend = Backend::PrivateFile;
    m_secrets = secrets;
    if (!m_keychainEnabled) {
        return secrets;
    }
    auto* job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(kEntry);
    QEventLoop loop;
    QTimer::singleShot(kKeychainWaitMs, &loop, &QEventLoop::quit);
    QKeychain::Error error = QKeychain::OtherError;
    QString errorText = QStringLiteral("the keychain did not answer within %1 ms").arg(kKeychainWaitMs);
    QByteArray stored;
    connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job*) {
        error = job->error();
        errorText = job->errorString();
        stored = job->binaryData();
        loop.quit();
    });
    job->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
        m_backend = Backend::Keychain;
        // What the keychain holds wins; the file may still hold secrets saved while it was away.
        const QHash<QString, QString> fromKeychain = fromJson(stored);
        for (auto it = fromKeychain.cbegin(); it != fromKeychain.cend(); ++it) {
            secrets.insert(it.key(), it.value());
        }
        qCInfo(lcConfig) << "secrets: system keychain," << fromKeychain.size() << "saved";
        m_secrets = secrets;
    } else {
        qCInfo(lcConfig).noquote() << "secrets: no system keychain (" << errorText << "), using" << m_fallbackPath;
    }
    return secrets;
}

void SecretStore::save(const QHash<QString, QString>& secrets, std::function<void(Result<void>)> done)
{
    m_secrets = secrets;
    if (m_backend != Backend::Keychain) {
        const Result<void> saved = saveToFile(secrets);
        QTimer::singleShot(0, this, [done = std::move(done), saved] { done(saved); });
        return;
    }
    QKeychain::Job* job = nullptr;
    if (hasAny(secrets)) {
        auto* write = new QKeychain::WritePasswordJob(kService);
        write->setKey(kEntry);
        write->setBinaryData(toJson(secrets));
        job = write;
    } else {
        auto* remove = new QKeychain::DeletePasswordJob(kService);
        remove->setKey(kEntry);
        job = remove;
    }
    connect(job, &QKeychain::Job::finished, this, [this, secrets, done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound) {
            // Nothing stays behind in the file once the keychain holds the secrets.
            done(saveToFile({}));
            return;
        }
        qCWarning(lcConfig).noquote() << "keychain refused the secrets (" << finished->errorString()
                                      << "); saving them to" << m_fallbackPath;
        m_backend = Backend::PrivateFile;
        done(saveToFile(secrets));
    });
    job->start();
}

Result<void> SecretStore::saveToFile(const QHash<QString, QString>& secrets) const
{
    if (!hasAny(secrets)) {
        if (QFile::exists(m_fallbackPath) && !QFile::remove(m_fallbackPath)) {
            return tl::make_unexpected(
                Error::validation(QStringLiteral("secrets"), tr("Could not remove %1").arg(m_fallbackPath)));
        }
        return {};
    }
    QDir().mkpath(QFileInfo(m_fallbackPath).absolutePath());
    QSaveFile file(m_fallbackPath);
    if (!file.open(QIODevice::WriteOnly)) {
        return tl::make_unexpected(Error::validation(
            QStringLiteral("secrets"), tr("Could not write %1: %2").arg(m_fallbackPath, file.errorString())));
    }
    // Before the first byte: the temporary file must never be readable by others.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(toJson(secrets));
    if (!file.commit()) {
        return tl::make_unexpected(Error::validation(
            QStringLiteral("secrets"), tr("Could not write %1: %2").arg(m_fallbackPath, file.errorString())));
    }
    return {};
}

QHash<QString, QString> SecretStore::loadFromFile() const
{
    QFile file(m_fallbackPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        qCWarning(lcConfig).noquote() << m_fallbackPath
                                      << "holds secrets and other users can read it; run chmod 600 on it";
    }
    return fromJson(file.readAll());
}
