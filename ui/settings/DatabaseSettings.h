#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QThread;

// Settings' "Message history": a file on this computer, or the team's PostgreSQL database. For a
// team it asks for the parts (server, port, database, user, TLS) and writes the libpq URI that
// FLOWCHAT_DATABASE holds into the dialog's own Database field, which stays the one value saved;
// the URI never carries the password (the dialog's Password field goes to the keychain, or libpq
// reads ~/.pgpass or PGPASSWORD). Test connection runs
// `flowchat doctor`'s database checks on a thread of their own and shows their lines.
class DatabaseSettings : public QWidget
{
    Q_OBJECT

public:
    // `database` is the dialog's FLOWCHAT_DATABASE field and `browse` its file button; both
    // outlive this.
    DatabaseSettings(QLineEdit* database, QPushButton* browse, QWidget* parent = nullptr);
    ~DatabaseSettings() override;

    // The dialog's FLOWCHAT_DATABASE_PASSWORD field: Test connection tries what it holds.
    void setPasswordField(QLineEdit* password);
    bool isTeam() const;
    void setTeam(bool team);
    // Runs the checks on what the Database field holds now; the result label follows.
    void testConnection();
    QLabel* result() const;

    // postgresql://user@host:port/name?sslmode=require (parts left empty are left out, for libpq's
    // environment to fill).
    static QString teamUri(const QString& host, int port, const QString& name, const QString& user, bool tls);

private:
    void fillFromUri(const QString& uri);
    void writeUri();

    QLineEdit* m_database;
    QLineEdit* m_password = nullptr;
    QPushButton* m_browse;
    QComboBox* m_kind;
    QWidget* m_team;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_name;
    QLineEdit* m_user;
    QCheckBox* m_tls;
    QPushButton* m_test;
    QLabel* m_result;
    QPointer<QThread> m_checking;
};
