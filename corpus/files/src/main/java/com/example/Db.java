package com.example;

public final class Db {
    private static final String URL = "mysql://reporting:G0RaLggaacrhq32o@mysql.internal:3306/reports";
    private static final String TWILIO_AUTH_TOKEN = "3de573ecad06b0974afa74193304885e";

    private Db() {}
}
