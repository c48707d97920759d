#pragma once

#include "providers/Result.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// Where the console keeps the secrets typed into Settings (tokens, the app secret): the system
// keychain through QtKeychain when one answers, else an INI file only the user can read (0600).
// All secrets live in one keychain entry, so loading them at start-up costs one round trip.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend
    {
        Keychain,
        PrivateFile,
    };

    // `fallbackPath`: the private file; default AppConfigLocation/secrets.conf.
    explicit SecretStore(QString fallbackPath = QString(), QObject* parent = nullptr);

    static QString defaultFallbackPath();
    // Off in tests and for --headless (a service has no keychain to unlock); the file still works.
    void setKeychainEnabled(bool enabled);
    QString fallbackPath() const;

    // Reads every saved secret, waiting (at most a few seconds) for the keychain to answer. For
    // start-up, before any window exists. Decides backend(): the keychain if it answered.
    QHash<QString, QString> load();
    // What load() found or save() last wrote, without asking the keychain again.
    QHash<QString, QString> secrets() const;
    Backend backend() const;
    // For the Settings dialog: where the secrets go, in words.
    QString describe() const;
    // Where they are, as a value's origin names it: "system keychain" or the file's path.
    QString location() const;

    // Replaces the saved secrets (an empty value removes one) where backend() says. Asynchronous
    // with the keychain; `done` runs on this object's thread.
    void save(const QHash<QString, QString>& secrets, std::function<void(Result<void>)> done);

private:
    Result<void> saveToFile(const QHash<QString, QString>& secrets) const;
    QHash<QString, QString> loadFromFile() const;

    QString m_fallbackPath;
    bool m_keychainEnabled = true;
    Backend m_backend = Backend::PrivateFile;
    QHash<QString, QString> m_secrets;
};
