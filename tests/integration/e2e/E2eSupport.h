#pragma once

// Real processes for the end-to-end tests: `flowchat --headless` and `flowchat-emulator`, started
// from FLOWCHAT_BIN_DIR with an isolated environment, and read through their stdout banners.

#include "tests/support/ApiTestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>

namespace E2e
{

inline QString binary(const QString& name)
{
    return QStringLiteral(FLOWCHAT_BIN_DIR) + QLatin1Char('/') + name;
}

// The system environment without any FlowChat or provider setting, with XDG folders of its own.
inline QProcessEnvironment isolatedEnvironment(const QString& dir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("FLOWCHAT_")) || name.startsWith(QLatin1String("WHATSAPP_"))
            || name.startsWith(QLatin1String("TWILIO_"))) {
            environment.remove(name);
        }
    }
    for (const char* folder : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString name = QString::fromLatin1(folder);
        QDir(dir).mkpath(name);
        environment.insert(name, dir + QLatin1Char('/') + name);
    }
    QFile::setPermissions(dir + QStringLiteral("/XDG_RUNTIME_DIR"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return environment;
}

// A child process whose stdout and stderr are collected while it runs.
class Child
{
public:
    Child() = default;
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Starts `program` and waits until its stdout matches `ready`; the first capture group is kept.
    bool start(const QString& program,
               const QStringList& arguments,
               const QProcessEnvironment& environment,
               const QRegularExpression& ready,
               int timeoutMs = 20000)
    {
        m_process.setProcessEnvironment(environment);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_out += m_process.readAllStandardOutput();
        });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_err += m_process.readAllStandardError();
        });
        m_process.start(program, arguments);
        if (!m_process.waitForStarted(10000)) {
            return false;
        }
        const bool matched = QTest::qWaitFor(
            [&] {
                const QRegularExpressionMatch match = ready.match(QString::fromUtf8(m_out));
                if (match.hasMatch()) {
                    m_captured = match.captured(1);
                }
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return matched && !m_captured.isNull();
    }

    // Runs `program` to its end; false on a time-out.
    bool run(const QString& program,
             const QStringList& arguments,
             const QProcessEnvironment& environment,
             int timeoutMs = 30000)
    {
        m_process.setProcessEnvironment(environment);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_out += m_process.readAllStandardOutput();
        });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_err += m_process.readAllStandardError();
        });
        m_process.start(program, arguments);
        return m_process.waitForStarted(10000) && waitForExit(timeoutMs);
    }

    QString captured() const
    {
        return m_captured;
    }
    QString out() const
    {
        return QString::fromUtf8(m_out);
    }
    QString err() const
    {
        return QString::fromUtf8(m_err);
    }
    QProcess& process()
    {
        return m_process;
    }

    // Nothing when the process is not running: kill(0, …) would signal the whole process group,
    // ctest included.
    void signal(int number)
    {
        if (const qint64 pid = m_process.processId(); pid > 0) {
            ::kill(static_cast<pid_t>(pid), number);
        }
    }

    // Waits for the end; false on a time-out.
    bool waitForExit(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QString m_captured;
};

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

inline QRegularExpression listeningOn()
{
    return QRegularExpression(QStringLiteral("listening on (http://\\S+)"));
}

inline QRegularExpression headlessReady()
{
    return QRegularExpression(QStringLiteral("listening on (http://\\S+)\\n(?:.*\\n)*flowchat: ready"));
}

} // namespace E2e
