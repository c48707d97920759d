#pragma once

#include <QDialog>

// Help > About: name, version (the CMake project version), the Qt it runs on and was built with,
// the licence and the homepage.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);

    static QString homepage();
};
