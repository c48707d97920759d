#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// File > New conversation: a WhatsApp number, formatted as it is typed and checked with
// libphonenumber; OK stays disabled, with the reason in words, until the number is valid.
class NewConversationDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewConversationDialog(QWidget* parent = nullptr);

    QLineEdit* numberField() const;
    // E.164 once valid, else empty.
    QString number() const;

private:
    void onEdited(const QString& text);

    QLineEdit* m_number = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_e164;
};
