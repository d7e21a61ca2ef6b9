from flask import Flask
app = Flask(__name__)
app.secret_key = 'db8fc30e21259c20476ddf22c50586dce8a18af99b41af4a84be8d377c35587c'
